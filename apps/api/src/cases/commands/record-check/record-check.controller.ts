import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Actor, RecordedCheck } from '@app/appointment/appointment.commands';
import { CurrentActor, Roles, RolesByParam } from '@app/platform';
import type { CommandOutcome } from '../../case-commands.service';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { rolesByCheck, rolesFor } from '../../http/command-roles';
import { OneOfPipe, RECORDED_CHECKS, UuidParam } from '../../http/path-params';
import { Write, WriteContext } from '../../http/write-context';
import { RecordCheckDto } from './record-check.dto';
import { RecordCheckCommand } from './record-check.handler';

@ApiTags('cases')
@Controller('cases')
export class RecordCheckController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/checks/:check')
  @Roles(...rolesFor('RecordCheck'))
  @RolesByParam('check', rolesByCheck)
  @CommandEndpoint('Record a 凡提四必 check (R11, R12, R14)')
  recordCheck(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Param('check', new OneOfPipe('check', RECORDED_CHECKS)) check: RecordedCheck,
    @Body() body: RecordCheckDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new RecordCheckCommand(caseId, candidateId, check, body, actor, write));
  }
}
