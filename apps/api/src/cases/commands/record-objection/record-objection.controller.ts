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
import { RecordObjectionDto } from './record-objection.dto';
import { RecordObjectionCommand } from './record-objection.handler';

@ApiTags('cases')
@Controller('cases')
export class RecordObjectionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/objections')
  @Roles(...rolesFor('RecordObjection'))
  @CommandEndpoint('Record an objection received during the notice (R22)')
  recordObjection(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Body() body: RecordObjectionDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new RecordObjectionCommand(caseId, candidateId, body, actor, write));
  }
}
