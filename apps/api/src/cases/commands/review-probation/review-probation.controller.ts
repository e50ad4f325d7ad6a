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
import { ReviewProbationDto } from './review-probation.dto';
import { ReviewProbationCommand } from './review-probation.handler';

@ApiTags('cases')
@Controller('cases')
export class ReviewProbationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/probation-review')
  @Roles(...rolesFor('ReviewProbation'))
  @CommandEndpoint('Review the probation (R26)')
  reviewProbation(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Body() body: ReviewProbationDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new ReviewProbationCommand(caseId, candidateId, body, actor, write));
  }
}
