import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { PublishInspectionNoticeDto } from './publish-inspection-notice.dto';

export class PublishInspectionNoticeCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly body: PublishInspectionNoticeDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(PublishInspectionNoticeCommand)
export class PublishInspectionNoticeHandler implements ICommandHandler<
  PublishInspectionNoticeCommand,
  CommandOutcome
> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, body, actor, write }: PublishInspectionNoticeCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'PublishInspectionNotice',
      data: { ...body },
    }));
  }
}
