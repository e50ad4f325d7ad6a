import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@app/appointment/appointment.commands';
import { CurrentActor } from '@app/platform';
import type { HttpResponse } from '../cases/http/http.types';
import { UuidParam } from '../cases/http/path-params';
import { renderCaseRecordHtml } from './case-record.html';
import { type CaseRecord, CaseRecordService } from './case-record.service';
import { ListCasesParams, TimelineParams } from './list-cases.query-params';
import { type CaseListPage, ReadModelsService } from './read-models.service';

/** The first media type the client prefers among the two the record is offered in. */
function wantsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranked = accept
    .split(',')
    .map((part, index) => {
      const [type, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter(
      (r) => r.q > 0 && ['text/html', 'application/json', 'application/*', 'text/*', '*/*'].includes(r.type),
    )
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const best = ranked[0]?.type;
  return best === 'text/html' || best === 'text/*';
}

@ApiTags('read models')
@ApiBearerAuth()
@Controller('cases')
export class ReadModelsController {
  constructor(
    private readonly reads: ReadModelsService,
    private readonly records: CaseRecordService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The case list (read model), newest first, cursor-paged and scoped to the caller',
  })
  @ApiOkResponse({
    description:
      '`{ items: [{ caseId, stage, ownerOrgUnit, post, candidateNames, openedAt, updatedAt, revision, overdue, nextDueAt }], nextCursor }`',
  })
  listCases(@Query() query: ListCasesParams, @CurrentActor() actor: Actor): Promise<CaseListPage> {
    return this.reads.listCases(actor, query);
  }

  @Get(':id/timeline')
  @ApiOperation({
    summary:
      'The 全程纪实 entries of a case, oldest first (per candidate with candidateId, as of a moment with asOf)',
  })
  @ApiResponse({ status: 403, description: 'not allowed to read this case' })
  @ApiResponse({ status: 404, description: 'no such case' })
  timeline(
    @Param('id', UuidParam('id')) caseId: string,
    @Query() query: TimelineParams,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.reads.timeline(actor, caseId, query);
  }

  @Get(':id/record')
  @ApiOperation({
    summary: 'The 纪实表 built from the event store: printable HTML with Accept: text/html, JSON otherwise',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiResponse({ status: 403, description: 'not allowed to read this case' })
  @ApiResponse({ status: 404, description: 'no such case' })
  async record(
    @Param('id', UuidParam('id')) caseId: string,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<CaseRecord | string> {
    const record = await this.records.record(actor, caseId);
    response.setHeader('Vary', 'Accept');
    if (!wantsHtml(accept)) return record;
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    return renderCaseRecordHtml(record);
  }
}
