import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { RecordRecommendationRoundDto } from './record-recommendation-round.dto';

export class RecordRecommendationRoundCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly body: RecordRecommendationRoundDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordRecommendationRoundCommand)
export class RecordRecommendationRoundHandler implements ICommandHandler<
  RecordRecommendationRoundCommand,
  CommandOutcome
> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, body, actor, write }: RecordRecommendationRoundCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, (ids) => ({
      type: 'RecordRecommendationRound',
      data: { ...body, roundId: ids.uuid() },
    }));
  }
}
