import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { RecordInspectionActivityDto } from './record-inspection-activity.dto';

export class RecordInspectionActivityCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly body: RecordInspectionActivityDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordInspectionActivityCommand)
export class RecordInspectionActivityHandler implements ICommandHandler<
  RecordInspectionActivityCommand,
  CommandOutcome
> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({
    caseId,
    candidateId,
    body,
    actor,
    write,
  }: RecordInspectionActivityCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, (ids) => ({
      type: 'RecordInspectionActivity',
      data: { ...body, candidateId, activityId: ids.uuid() },
    }));
  }
}
