import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { StartPublicNoticeDto } from './start-public-notice.dto';

export class StartPublicNoticeCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseId: string,
    readonly candidateId: string,
    readonly body: StartPublicNoticeDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(StartPublicNoticeCommand)
export class StartPublicNoticeHandler implements ICommandHandler<StartPublicNoticeCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ caseId, candidateId, body, actor, write }: StartPublicNoticeCommand): Promise<CommandOutcome> {
    return this.cases.execute(caseId, actor, write, () => ({
      type: 'StartPublicNotice',
      data: { ...body, candidateId },
    }));
  }
}
