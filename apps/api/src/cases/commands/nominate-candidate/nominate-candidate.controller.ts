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
import { NominateCandidateDto } from './nominate-candidate.dto';
import { NominateCandidateCommand } from './nominate-candidate.handler';

@ApiTags('cases')
@Controller('cases')
export class NominateCandidateController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates')
  @Roles(...rolesFor('NominateCandidate'))
  @CommandEndpoint('Nominate a candidate, naming who recommends (R3, R6)')
  nominateCandidate(
    @Param('id', UuidParam('id')) caseId: string,
    @Body() body: NominateCandidateDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new NominateCandidateCommand(caseId, body, actor, write));
  }
}
