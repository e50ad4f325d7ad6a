import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Actor, OpinionKind } from '@app/appointment/appointment.commands';
import { CurrentActor, Roles, RolesByParam } from '@app/platform';
import type { CommandOutcome } from '../../case-commands.service';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { rolesByOpinionKind, rolesFor } from '../../http/command-roles';
import { OPINION_KINDS, OneOfPipe, UuidParam } from '../../http/path-params';
import { Write, WriteContext } from '../../http/write-context';
import { DraftOpinionDto } from './draft-opinion.dto';
import { DraftOpinionCommand } from './draft-opinion.handler';

@ApiTags('cases')
@Controller('cases')
export class DraftOpinionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/opinions/:kind')
  @Roles(...rolesFor('DraftOpinion'))
  @RolesByParam('kind', rolesByOpinionKind)
  @CommandEndpoint('Draft the political or integrity opinion (R10, R13, R16)')
  draftOpinion(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Param('kind', new OneOfPipe('kind', OPINION_KINDS)) kind: OpinionKind,
    @Body() body: DraftOpinionDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new DraftOpinionCommand(caseId, candidateId, kind, body, actor, write));
  }
}
