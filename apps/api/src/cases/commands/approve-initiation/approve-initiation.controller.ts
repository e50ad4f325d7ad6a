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
import { ApproveInitiationDto } from './approve-initiation.dto';
import { ApproveInitiationCommand } from './approve-initiation.handler';

@ApiTags('cases')
@Controller('cases')
export class ApproveInitiationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/initiation/approve')
  @Roles(...rolesFor('ApproveInitiation'))
  @CommandEndpoint('Approve the initiation (R1)')
  approveInitiation(
    @Param('id', UuidParam('id')) caseId: string,
    @Body() body: ApproveInitiationDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new ApproveInitiationCommand(caseId, body, actor, write));
  }
}
