import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { DetermineInspectionTargetsDto } from './determine-inspection-targets.dto';

export class DetermineInspectionTargetsCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly body: DetermineInspectionTargetsDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(DetermineInspectionTargetsCommand)
export class DetermineInspectionTargetsHandler implements ICommandHandler<
  DetermineInspectionTargetsCommand,
  CommandOutcome
> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, body, actor, write }: DetermineInspectionTargetsCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'DetermineInspectionTargets',
      data: { ...body },
    }));
  }
}
