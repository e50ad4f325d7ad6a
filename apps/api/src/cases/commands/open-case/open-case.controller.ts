import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/appointment/appointment.commands';
import { CurrentActor, Roles } from '@app/platform';
import type { CommandOutcome } from '../../case-commands.service';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { rolesFor } from '../../http/command-roles';
import { Write, WriteContext } from '../../http/write-context';
import { OpenCaseDto } from './open-case.dto';
import { OpenCaseCommand } from './open-case.handler';

@ApiTags('cases')
@Controller('cases')
export class OpenCaseController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...rolesFor('OpenCase'))
  @CommandEndpoint('Open a case (动议)')
  openCase(
    @Body() body: OpenCaseDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new OpenCaseCommand(body, actor, write));
  }
}
