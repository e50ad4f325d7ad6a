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
import { RecordEligibilityDto } from './record-eligibility.dto';
import { RecordEligibilityCommand } from './record-eligibility.handler';

@ApiTags('cases')
@Controller('cases')
export class RecordEligibilityController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/eligibility')
  @Roles(...rolesFor('RecordEligibility'))
  @CommandEndpoint('Record the disqualifying-flag review (R5)')
  recordEligibility(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Body() body: RecordEligibilityDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new RecordEligibilityCommand(caseId, candidateId, body, actor, write));
  }
}
