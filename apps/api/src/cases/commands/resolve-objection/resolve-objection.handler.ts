import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { ResolveObjectionDto } from './resolve-objection.dto';

export class ResolveObjectionCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly objectionId: string,
    readonly body: ResolveObjectionDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(ResolveObjectionCommand)
export class ResolveObjectionHandler implements ICommandHandler<ResolveObjectionCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({
    caseId,
    candidateId,
    objectionId,
    body,
    actor,
    write,
  }: ResolveObjectionCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'ResolveObjection',
      data: { ...body, candidateId, objectionId },
    }));
  }
}
