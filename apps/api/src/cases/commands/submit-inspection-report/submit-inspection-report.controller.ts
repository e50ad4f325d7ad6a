import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/appointment/appointment.commands';
import { CurrentActor, Roles } from '@app/platform';
import type { CommandOutcome } from '../../case-commands.service';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { rolesFor } from '../../http/command-roles';
import { UuidParam } from '../../http/path-params';
import { Write, WriteContext } from '../../http/write-context';
import { SubmitInspectionReportDto } from './submit-inspection-report.dto';
import { SubmitInspectionReportCommand } from './submit-inspection-report.handler';

@ApiTags('cases')
@Controller('cases')
export class SubmitInspectionReportController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/inspection-report')
  @Roles(...rolesFor('SubmitInspectionReport'))
  @CommandEndpoint('Submit the inspection report (R15)')
  submitInspectionReport(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Body() body: SubmitInspectionReportDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(
      new SubmitInspectionReportCommand(caseId, candidateId, body, actor, write),
    );
  }
}
