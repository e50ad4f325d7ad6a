import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { HoldDecisionMeetingDto } from './hold-decision-meeting.dto';

export class HoldDecisionMeetingCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly body: HoldDecisionMeetingDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(HoldDecisionMeetingCommand)
export class HoldDecisionMeetingHandler implements ICommandHandler<
  HoldDecisionMeetingCommand,
  CommandOutcome
> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, body, actor, write }: HoldDecisionMeetingCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, (ids) => ({
      type: 'HoldDecisionMeeting',
      data: { ...body, meetingId: ids.uuid() },
    }));
  }
}
