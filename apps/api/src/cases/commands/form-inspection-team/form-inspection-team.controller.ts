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
import { FormInspectionTeamDto } from './form-inspection-team.dto';
import { FormInspectionTeamCommand } from './form-inspection-team.handler';

@ApiTags('cases')
@Controller('cases')
export class FormInspectionTeamController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/inspection-team')
  @Roles(...rolesFor('FormInspectionTeam'))
  @CommandEndpoint('Form the inspection team (R7)')
  formInspectionTeam(
    @Param('id', UuidParam('id')) caseId: string,
    @Body() body: FormInspectionTeamDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new FormInspectionTeamCommand(caseId, body, actor, write));
  }
}
