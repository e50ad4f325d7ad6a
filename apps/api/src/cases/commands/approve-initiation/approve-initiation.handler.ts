import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { ApproveInitiationDto } from './approve-initiation.dto';

export class ApproveInitiationCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly body: ApproveInitiationDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(ApproveInitiationCommand)
export class ApproveInitiationHandler implements ICommandHandler<ApproveInitiationCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, body, actor, write }: ApproveInitiationCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'ApproveInitiation',
      data: { ...body },
    }));
  }
}
