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
import { WithdrawCaseDto } from './withdraw-case.dto';
import { WithdrawCaseCommand } from './withdraw-case.handler';

@ApiTags('cases')
@Controller('cases')
export class WithdrawCaseController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/withdraw')
  @Roles(...rolesFor('WithdrawCase'))
  @CommandEndpoint('Withdraw the case (撤销), with a reason')
  withdrawCase(
    @Param('id', UuidParam('id')) caseId: string,
    @Body() body: WithdrawCaseDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new WithdrawCaseCommand(caseId, body, actor, write));
  }
}
