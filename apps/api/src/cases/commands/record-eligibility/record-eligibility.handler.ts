import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { RecordEligibilityDto } from './record-eligibility.dto';

export class RecordEligibilityCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly body: RecordEligibilityDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordEligibilityCommand)
export class RecordEligibilityHandler implements ICommandHandler<RecordEligibilityCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, candidateId, body, actor, write }: RecordEligibilityCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'RecordEligibility',
      data: { ...body, candidateId },
    }));
  }
}
