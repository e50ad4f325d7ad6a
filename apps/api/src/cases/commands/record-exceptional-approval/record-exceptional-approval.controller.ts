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
import { RecordExceptionalApprovalDto } from './record-exceptional-approval.dto';
import { RecordExceptionalApprovalCommand } from './record-exceptional-approval.handler';

@ApiTags('cases')
@Controller('cases')
export class RecordExceptionalApprovalController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/exceptional-approval')
  @Roles(...rolesFor('RecordExceptionalApproval'))
  @CommandEndpoint('Record the higher-level approval of a 破格 (R6)')
  recordExceptionalApproval(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Body() body: RecordExceptionalApprovalDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(
      new RecordExceptionalApprovalCommand(caseId, candidateId, body, actor, write),
    );
  }
}
