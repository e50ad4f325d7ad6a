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
import { RecordRecommendationRoundDto } from './record-recommendation-round.dto';
import { RecordRecommendationRoundCommand } from './record-recommendation-round.handler';

@ApiTags('cases')
@Controller('cases')
export class RecordRecommendationRoundController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/recommendation-rounds')
  @Roles(...rolesFor('RecordRecommendationRound'))
  @CommandEndpoint('Record a recommendation round (R2)')
  recordRecommendationRound(
    @Param('id', UuidParam('id')) caseId: string,
    @Body() body: RecordRecommendationRoundDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new RecordRecommendationRoundCommand(caseId, body, actor, write));
  }
}
