import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor, RecordedCheck } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { RecordCheckDto } from './record-check.dto';

export class RecordCheckCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly check: RecordedCheck,
    readonly body: RecordCheckDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordCheckCommand)
export class RecordCheckHandler implements ICommandHandler<RecordCheckCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, candidateId, check, body, actor, write }: RecordCheckCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'RecordCheck',
      data: { ...body, candidateId, check },
    }));
  }
}
