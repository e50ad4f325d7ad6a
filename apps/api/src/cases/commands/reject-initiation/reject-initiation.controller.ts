import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/appointment/appointment.commands';
import { CurrentActor, Roles } from '@app/platform';
import type { CommandOutcome } from '../../case-commands.service';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { rolesFor } from '../../http/command-roles';
import { UuidParam } from '../../http/path-params';
import { Write, WriteContext } from '../../http/write-context';
import { RejectInitiationDto } from './reject-initiation.dto';
import { RejectInitiationCommand } from './reject-initiation.handler';

@ApiTags('cases')
@Controller('cases')
export class RejectInitiationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/initiation/reject')
  @Roles(...rolesFor('RejectInitiation'))
  @CommandEndpoint('Reject the initiation: the case ends (R1)')
  rejectInitiation(
    @Param('id', UuidParam('id')) caseId: string,
    @Body() body: RejectInitiationDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new RejectInitiationCommand(caseId, body, actor, write));
  }
}
