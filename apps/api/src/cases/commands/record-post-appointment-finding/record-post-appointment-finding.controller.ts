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
import { RecordPostAppointmentFindingDto } from './record-post-appointment-finding.dto';
import { RecordPostAppointmentFindingCommand } from './record-post-appointment-finding.handler';

@ApiTags('cases')
@Controller('cases')
export class RecordPostAppointmentFindingController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/post-appointment-findings')
  @Roles(...rolesFor('RecordPostAppointmentFinding'))
  @CommandEndpoint('Record a problem found after appointment, closed cases too (DOMAIN.md §7, R27, R28)')
  recordPostAppointmentFinding(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Body() body: RecordPostAppointmentFindingDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(
      new RecordPostAppointmentFindingCommand(caseId, candidateId, body, actor, write),
    );
  }
}
