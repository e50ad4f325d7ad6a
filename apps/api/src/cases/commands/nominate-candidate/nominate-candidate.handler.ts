import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { NominateCandidateDto } from './nominate-candidate.dto';

export class NominateCandidateCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly body: NominateCandidateDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(NominateCandidateCommand)
export class NominateCandidateHandler implements ICommandHandler<NominateCandidateCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, body, actor, write }: NominateCandidateCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, (ids) => ({
      type: 'NominateCandidate',
      data: { ...body, candidateId: ids.uuid() },
    }));
  }
}
