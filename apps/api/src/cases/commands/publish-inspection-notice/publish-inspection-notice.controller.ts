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
import { PublishInspectionNoticeDto } from './publish-inspection-notice.dto';
import { PublishInspectionNoticeCommand } from './publish-inspection-notice.handler';

@ApiTags('cases')
@Controller('cases')
export class PublishInspectionNoticeController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/inspection-notice')
  @Roles(...rolesFor('PublishInspectionNotice'))
  @CommandEndpoint('Publish the inspection notice (R8)')
  publishInspectionNotice(
    @Param('id', UuidParam('id')) caseId: string,
    @Body() body: PublishInspectionNoticeDto,
    @CurrentActor() actor: Actor,
    @Write() write: WriteContext,
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(new PublishInspectionNoticeCommand(caseId, body, actor, write));
  }
}
