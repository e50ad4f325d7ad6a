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
import { HoldDecisionMeetingDto } from './hold-decision-meeting.dto';
import { HoldDecisionMeetingCommand } from './hold-decision-meeting.handler';

@ApiTags('cases')
@Controller('cases')
export class HoldDecisionMeetingController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/decision-meetings')
  @Roles(...rolesFor('HoldDecisionMeeting'))
  @CommandEndpoint('Record the decision meeting and its votes (R15, R17-R20)')
  holdDecisionMeeting(
    @Param('id', UuidParam('id')) caseId: string,
    @Body() body: HoldDecisionMeetingDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new HoldDecisionMeetingCommand(caseId, body, actor, write));
  }
}
