import { Controller, Get, Headers, Param, Query, Res, StreamableFile } from '@nestjs/common';
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
import { CaseArchiveService } from './case-archive.service';
import { renderCaseRecordHtml } from './case-record.html';
import { RecordPdfRenderer } from './case-record.pdf';
import { type CaseRecord, CaseRecordService } from './case-record.service';
import { ListCasesParams, TimelineParams } from './list-cases.query-params';
import { type CaseListPage, ReadModelsService } from './read-models.service';

type RecordMediaType = 'json' | 'html' | 'pdf';

/** The media type the client prefers among the three the record is offered in (JSON by default). */
function preferredRecordType(accept: string | undefined): RecordMediaType {
  if (!accept) return 'json';
  const ranked = accept
    .split(',')
    .map((part, index) => {
      const [type, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter(
      (r) =>
        r.q > 0 &&
        ['text/html', 'application/json', 'application/pdf', 'application/*', 'text/*', '*/*'].includes(
          r.type,
        ),
    )
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const best = ranked[0]?.type;
  if (best === 'text/html' || best === 'text/*') return 'html';
  return best === 'application/pdf' ? 'pdf' : 'json';
}

/** A file name header value for Chinese names (RFC 6266 / 5987). */
function attachment(name: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

@ApiTags('read models')
@ApiBearerAuth()
@Controller('cases')
export class ReadModelsController {
  constructor(
    private readonly reads: ReadModelsService,
    private readonly records: CaseRecordService,
    private readonly pdf: RecordPdfRenderer,
    private readonly archives: CaseArchiveService,
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
    summary:
      'The 纪实表 built from the event store: printable HTML with Accept: text/html, an A4 PDF with an embedded CJK font with Accept: application/pdf, JSON otherwise',
  })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiResponse({ status: 403, description: 'not allowed to read this case' })
  @ApiResponse({ status: 404, description: 'no such case' })
  @ApiResponse({ status: 503, description: 'PDF requested but Chromium cannot be started' })
  async record(
    @Param('id', UuidParam('id')) caseId: string,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<CaseRecord | string | StreamableFile> {
    response.setHeader('Vary', 'Accept');
    const type = preferredRecordType(accept);
    if (type === 'json') return this.records.record(actor, caseId);
    const { document } = await this.records.document(actor, caseId);
    if (type === 'html') {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      return renderCaseRecordHtml(document);
    }
    const pdf = await this.pdf.render(document);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', attachment(`纪实表-${caseId}.pdf`, `record-${caseId}.pdf`));
    return new StreamableFile(pdf);
  }

  @Get(':id/archive')
  @ApiOperation({
    summary:
      '一案一档: a zip of manifest.json, history.jsonl, record.pdf and record.html; `npm run verify-archive -- <zip>` checks it offline',
  })
  @ApiProduces('application/zip')
  @ApiResponse({ status: 403, description: 'not allowed to read this case' })
  @ApiResponse({ status: 404, description: 'no such case' })
  @ApiResponse({ status: 503, description: 'Chromium cannot be started to print the PDF' })
  async archive(
    @Param('id', UuidParam('id')) caseId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<StreamableFile> {
    const zip = await this.archives.archive(actor, caseId);
    response.setHeader('Content-Type', 'application/zip');
    response.setHeader('Content-Disposition', attachment(`一案一档-${caseId}.zip`, `archive-${caseId}.zip`));
    return new StreamableFile(zip);
  }
}
