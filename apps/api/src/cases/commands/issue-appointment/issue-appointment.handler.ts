import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { IssueAppointmentDto } from './issue-appointment.dto';

export class IssueAppointmentCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly body: IssueAppointmentDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(IssueAppointmentCommand)
export class IssueAppointmentHandler implements ICommandHandler<IssueAppointmentCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, candidateId, body, actor, write }: IssueAppointmentCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'IssueAppointment',
      data: { ...body, candidateId },
    }));
  }
}
