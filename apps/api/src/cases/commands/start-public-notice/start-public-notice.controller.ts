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
import { StartPublicNoticeDto } from './start-public-notice.dto';
import { StartPublicNoticeCommand } from './start-public-notice.handler';

@ApiTags('cases')
@Controller('cases')
export class StartPublicNoticeController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/candidates/:cid/public-notice')
  @Roles(...rolesFor('StartPublicNotice'))
  @CommandEndpoint('Start (or waive) the public notice (R21, R23)')
  startPublicNotice(
    @Param('id', UuidParam('id')) caseId: string,
    @Param('cid', UuidParam('cid')) candidateId: string,
    @Body() body: StartPublicNoticeDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new StartPublicNoticeCommand(caseId, candidateId, body, actor, write));
  }
}
