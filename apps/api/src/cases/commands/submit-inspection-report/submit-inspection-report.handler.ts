import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { SubmitInspectionReportDto } from './submit-inspection-report.dto';

export class SubmitInspectionReportCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly body: SubmitInspectionReportDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(SubmitInspectionReportCommand)
export class SubmitInspectionReportHandler implements ICommandHandler<
  SubmitInspectionReportCommand,
  CommandOutcome
> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({
    caseId,
    candidateId,
    body,
    actor,
    write,
  }: SubmitInspectionReportCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'SubmitInspectionReport',
      data: { ...body, candidateId },
    }));
  }
}
