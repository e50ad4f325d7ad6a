import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor, OpinionKind } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { DraftOpinionDto } from './draft-opinion.dto';

export class DraftOpinionCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly kind: OpinionKind,
    readonly body: DraftOpinionDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(DraftOpinionCommand)
export class DraftOpinionHandler implements ICommandHandler<DraftOpinionCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, candidateId, kind, body, actor, write }: DraftOpinionCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'DraftOpinion',
      data: { ...body, candidateId, kind },
    }));
  }
}
