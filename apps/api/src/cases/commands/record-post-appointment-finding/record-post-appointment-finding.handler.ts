import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { RecordPostAppointmentFindingDto } from './record-post-appointment-finding.dto';

export class RecordPostAppointmentFindingCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly body: RecordPostAppointmentFindingDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordPostAppointmentFindingCommand)
export class RecordPostAppointmentFindingHandler implements ICommandHandler<
  RecordPostAppointmentFindingCommand,
  CommandOutcome
> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({
    caseId,
    candidateId,
    body,
    actor,
    write,
  }: RecordPostAppointmentFindingCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, (ids) => ({
      type: 'RecordPostAppointmentFinding',
      data: { ...body, candidateId, findingId: ids.uuid() },
    }));
  }
}
