import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { RecommenderStatusService } from '../../recommender-status.service';
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
  constructor(
    private readonly cases: CaseCommandsService,
    private readonly recommenders: RecommenderStatusService,
  ) {}

  async execute({ caseId, body, actor, write }: NominateCandidateCommand): Promise<CommandOutcome> {
    // R27: the recommender's standing comes from their own stream, handed to the decider as a fact.
    const recommenderSuspendedUntil = await this.recommenders.suspendedUntil(body.recommendedBy?.id);
    return this.cases.execute(caseId, actor, write, (ids) => ({
      type: 'NominateCandidate',
      data: { ...body, candidateId: ids.uuid() },
      facts: { recommenderSuspendedUntil },
    }));
  }
}
