import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/appointment/appointment.commands';
import type { EventMetadata } from '@app/event-store';
import { CurrentActor } from '@app/platform';
import { UuidParam } from '../../http/path-params';
import { GetCaseHistoryQuery } from './get-case-history.handler';

export interface HistoryEntry {
  type: string;
  revision: string;
  globalPosition: string;
  data: unknown;
  metadata: EventMetadata;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class GetCaseHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/history')
  @ApiOperation({ summary: 'The raw events of a case, oldest first, with their metadata and hashes' })
  @ApiOkResponse({
    description: '`{ caseId, revision, events: [{ type, revision, globalPosition, data, metadata }] }`',
  })
  @ApiResponse({ status: 403, description: 'not allowed to read this case' })
  @ApiResponse({ status: 404, description: 'no such case' })
  async getCaseHistory(
    @Param('id', UuidParam('id')) caseId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ caseId: string; revision: string; events: HistoryEntry[] }> {
    const events = await this.queryBus.execute(new GetCaseHistoryQuery(caseId, actor));
    return {
      caseId,
      revision: events[events.length - 1].revision,
      events: events.map(({ type, revision, globalPosition, data, metadata }) => ({
        type,
        revision,
        globalPosition,
        data,
        metadata,
      })),
    };
  }
}
