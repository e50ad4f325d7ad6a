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
import { DetermineInspectionTargetsDto } from './determine-inspection-targets.dto';
import { DetermineInspectionTargetsCommand } from './determine-inspection-targets.handler';

@ApiTags('cases')
@Controller('cases')
export class DetermineInspectionTargetsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/inspection-targets')
  @Roles(...rolesFor('DetermineInspectionTargets'))
  @CommandEndpoint('Determine the inspection targets (R4, R5, R6)')
  determineInspectionTargets(
    @Param('id', UuidParam('id')) caseId: string,
    @Body() body: DetermineInspectionTargetsDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new DetermineInspectionTargetsCommand(caseId, body, actor, write));
  }
}
