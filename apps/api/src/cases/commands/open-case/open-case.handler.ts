import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseCommandsService, CommandOutcome } from '../../case-commands.service';
import type { WriteContext } from '../../http/write-context';
import { OpenCaseDto } from './open-case.dto';

export class OpenCaseCommand extends Command<CommandOutcome> {
  constructor(
    readonly body: OpenCaseDto,
    readonly actor: Actor,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommandsService) {}

  execute({ body, actor, write }: OpenCaseCommand): Promise<CommandOutcome> {
    return this.cases.open(actor, write, { ...body });
  }
}
