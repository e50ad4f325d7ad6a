import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { FormInspectionTeamDto } from './form-inspection-team.dto';

export class FormInspectionTeamCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly body: FormInspectionTeamDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(FormInspectionTeamCommand)
export class FormInspectionTeamHandler implements ICommandHandler<FormInspectionTeamCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, body, actor, write }: FormInspectionTeamCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'FormInspectionTeam',
      data: { ...body },
    }));
  }
}
