import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Actor, OpinionKind } from '@app/appointment/appointment.commands';
import { CurrentActor, Roles } from '@app/platform';
import type { CommandOutcome } from '../../case-commands.service';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { rolesFor } from '../../http/command-roles';
import { OPINION_KINDS, OneOfPipe, UuidParam } from '../../http/path-params';
import { Write, WriteContext } from '../../http/write-context';
import { SignOpinionDto } from './sign-opinion.dto';
import { SignOpinionCommand } from './sign-opinion.handler';

@ApiTags('cases')
@Controller('cases')
export class SignOpinionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/opinions/:kind/signatures')
  @Roles(...rolesFor('SignOpinion'))
  @CommandEndpoint('Sign an opinion by its digest (R16 双签字)')
  signOpinion(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Param('kind', new OneOfPipe('kind', OPINION_KINDS)) kind: OpinionKind,
    @Body() body: SignOpinionDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new SignOpinionCommand(caseId, candidateId, kind, body, actor, write));
  }
}
