import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { RecordExceptionalApprovalDto } from './record-exceptional-approval.dto';

export class RecordExceptionalApprovalCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly body: RecordExceptionalApprovalDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordExceptionalApprovalCommand)
export class RecordExceptionalApprovalHandler implements ICommandHandler<
  RecordExceptionalApprovalCommand,
  CommandOutcome
> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({
    caseId,
    candidateId,
    body,
    actor,
    write,
  }: RecordExceptionalApprovalCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'RecordExceptionalApproval',
      data: { ...body, candidateId },
    }));
  }
}
