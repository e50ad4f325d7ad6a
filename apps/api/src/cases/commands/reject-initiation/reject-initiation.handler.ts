import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { RejectInitiationDto } from './reject-initiation.dto';

export class RejectInitiationCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly body: RejectInitiationDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RejectInitiationCommand)
export class RejectInitiationHandler implements ICommandHandler<RejectInitiationCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, body, actor, write }: RejectInitiationCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'RejectInitiation',
      data: { ...body },
    }));
  }
}
