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
import { IssueAppointmentDto } from './issue-appointment.dto';
import { IssueAppointmentCommand } from './issue-appointment.handler';

@ApiTags('cases')
@Controller('cases')
export class IssueAppointmentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/appointment')
  @Roles(...rolesFor('IssueAppointment'))
  @CommandEndpoint('Issue the appointment (R23, R24)')
  issueAppointment(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Body() body: IssueAppointmentDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new IssueAppointmentCommand(caseId, candidateId, body, actor, write));
  }
}
