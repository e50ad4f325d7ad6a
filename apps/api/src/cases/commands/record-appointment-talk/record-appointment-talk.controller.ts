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
import { RecordAppointmentTalkDto } from './record-appointment-talk.dto';
import { RecordAppointmentTalkCommand } from './record-appointment-talk.handler';

@ApiTags('cases')
@Controller('cases')
export class RecordAppointmentTalkController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/appointment-talk')
  @Roles(...rolesFor('RecordAppointmentTalk'))
  @CommandEndpoint('Record the appointment talk (R25)')
  recordAppointmentTalk(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Body() body: RecordAppointmentTalkDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new RecordAppointmentTalkCommand(caseId, candidateId, body, actor, write));
  }
}
