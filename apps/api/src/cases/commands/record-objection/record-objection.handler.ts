import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { RecordObjectionDto } from './record-objection.dto';

export class RecordObjectionCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly body: RecordObjectionDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordObjectionCommand)
export class RecordObjectionHandler implements ICommandHandler<RecordObjectionCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, candidateId, body, actor, write }: RecordObjectionCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, (ids) => ({
      type: 'RecordObjection',
      data: { ...body, candidateId, objectionId: ids.uuid() },
    }));
  }
}
