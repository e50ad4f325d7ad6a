import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { DropCandidateDto } from './drop-candidate.dto';

export class DropCandidateCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly body: DropCandidateDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(DropCandidateCommand)
export class DropCandidateHandler implements ICommandHandler<DropCandidateCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, candidateId, body, actor, write }: DropCandidateCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'DropCandidate',
      data: { ...body, candidateId },
    }));
  }
}
