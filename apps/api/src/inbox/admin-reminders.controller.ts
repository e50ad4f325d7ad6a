import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NoFieldsPipe, Roles } from '@app/platform';
import { type ReconcileReport, ReminderReconciler } from '@app/reminders';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/reminders')
export class AdminRemindersController {
  constructor(private readonly reconciler: ReminderReconciler) {}

  @Post('reconcile')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Re-creates the timer of every open deadline that Redis lost; past-due ones fire at once',
  })
  @ApiOkResponse({
    description:
      '`{ open, delivered, present, created, pastDue, webhooks, tookMs }`: webhooks counts owed webhook calls re-queued',
  })
  @ApiBody({ required: false, description: 'no fields: no body, or `{}`', schema: { type: 'object' } })
  reconcile(@Body(NoFieldsPipe) _body: unknown): Promise<ReconcileReport> {
    return this.reconciler.reconcile();
  }
}
