import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { RecordAppointmentTalkDto } from './record-appointment-talk.dto';

export class RecordAppointmentTalkCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly body: RecordAppointmentTalkDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordAppointmentTalkCommand)
export class RecordAppointmentTalkHandler implements ICommandHandler<
  RecordAppointmentTalkCommand,
  CommandOutcome
> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({
    caseId,
    candidateId,
    body,
    actor,
    write,
  }: RecordAppointmentTalkCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'RecordAppointmentTalk',
      data: { ...body, candidateId },
    }));
  }
}
