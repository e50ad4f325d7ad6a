import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { WithdrawCaseDto } from './withdraw-case.dto';

export class WithdrawCaseCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly body: WithdrawCaseDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(WithdrawCaseCommand)
export class WithdrawCaseHandler implements ICommandHandler<WithdrawCaseCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, body, actor, write }: WithdrawCaseCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'WithdrawCase',
      data: { ...body },
    }));
  }
}
