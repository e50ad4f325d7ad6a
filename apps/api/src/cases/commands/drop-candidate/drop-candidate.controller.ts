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
import { DropCandidateDto } from './drop-candidate.dto';
import { DropCandidateCommand } from './drop-candidate.handler';

@ApiTags('cases')
@Controller('cases')
export class DropCandidateController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/drop')
  @Roles(...rolesFor('DropCandidate'))
  @CommandEndpoint('Drop a candidate, with a reason')
  dropCandidate(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Body() body: DropCandidateDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new DropCandidateCommand(caseId, candidateId, body, actor, write));
  }
}
