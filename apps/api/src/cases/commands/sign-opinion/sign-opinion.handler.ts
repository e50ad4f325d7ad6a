import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor, OpinionKind } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { SignOpinionDto } from './sign-opinion.dto';

export class SignOpinionCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly kind: OpinionKind,
    readonly body: SignOpinionDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(SignOpinionCommand)
export class SignOpinionHandler implements ICommandHandler<SignOpinionCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, candidateId, kind, body, actor, write }: SignOpinionCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'SignOpinion',
      data: { ...body, candidateId, kind },
    }));
  }
}
