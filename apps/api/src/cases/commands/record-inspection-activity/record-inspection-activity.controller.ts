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
import { RecordInspectionActivityDto } from './record-inspection-activity.dto';
import { RecordInspectionActivityCommand } from './record-inspection-activity.handler';

@ApiTags('cases')
@Controller('cases')
export class RecordInspectionActivityController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/inspection-activities')
  @Roles(...rolesFor('RecordInspectionActivity'))
  @CommandEndpoint('Record an inspection activity (R8, R9)')
  recordInspectionActivity(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Body() body: RecordInspectionActivityDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(
      new RecordInspectionActivityCommand(caseId, candidateId, body, actor, write),
    );
  }
}
