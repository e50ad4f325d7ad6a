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
import { ResolveObjectionDto } from './resolve-objection.dto';
import { ResolveObjectionCommand } from './resolve-objection.handler';

@ApiTags('cases')
@Controller('cases')
export class ResolveObjectionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/objections/:oid/resolution')
  @Roles(...rolesFor('ResolveObjection'))
  @CommandEndpoint('Resolve an objection (R22)')
  resolveObjection(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Param('oid', UuidParam('oid')) objectionId: string,
    @Body() body: ResolveObjectionDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(
      new ResolveObjectionCommand(caseId, candidateId, objectionId, body, actor, write),
    );
  }
}
