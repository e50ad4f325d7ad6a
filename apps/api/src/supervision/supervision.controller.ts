import { Controller, Get, Headers, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@app/appointment/appointment.commands';
import { ACCOUNTABILITY_CAUSE_LABELS, suspendedUntilOn } from '@app/appointment/recommender.decider';
import { CLOCK, type Clock, CurrentActor, isAcceptedText, isPlainId, Roles } from '@app/platform';
import type { AnnualReport } from '@app/projections/annual-statistics';
import type { HttpResponse } from '../cases/http/http.types';
import { RecommenderStatusService } from '../cases/recommender-status.service';
import { type Accountability, AccountabilityService } from './accountability.service';
import { AnnualReportService } from './annual-report.service';
import { type FindingsPage, FindingsService } from './findings.service';
import { invalidPathId, PATH_ID_MAX } from './supervision.errors';
import { AnnualReportParams, FindingsParams } from './supervision.query-params';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function preferred(accept: string | undefined): 'json' | 'csv' | 'xlsx' {
  const a = (accept ?? '').toLowerCase();
  if (a.includes(XLSX)) return 'xlsx';
  if (a.includes('text/csv')) return 'csv';
  return 'json';
}

/** Person and recommender ids travel in paths: printable, plain (isPlainId), at most 100 characters. */
function requireId(field: 'personId' | 'id', value: string): string {
  if (value.length === 0 || value.length > PATH_ID_MAX || !isAcceptedText(value) || !isPlainId(value))
    throw invalidPathId(field);
  return value;
}

export interface RecommenderView {
  recommenderId: string;
  suspendedUntil?: string;
  /** The records of cases of other org units, not shown to a handler or a supervisor (auditors see all). */
  otherUnitRecords: number;
  records: Array<{
    caseId: string;
    candidateId: string;
    candidateName: string;
    cause: string;
    causeLabel: string;
    at: string;
    suspendedUntil: string;
  }>;
}

@ApiTags('supervision')
@ApiBearerAuth()
@Controller()
export class SupervisionController {
  constructor(
    private readonly findings: FindingsService,
    private readonly reports: AnnualReportService,
    private readonly accountability: AccountabilityService,
    private readonly recommenders: RecommenderStatusService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('supervision/findings')
  @Roles('auditor', 'supervisor')
  @ApiOperation({
    summary: '专项检查 findings across cases (DOMAIN.md §8): auditors all, supervisors their org unit',
  })
  @ApiOkResponse({
    description:
      '`{ items: [{ findingId, code, severity, caseId, candidateId?, ownerOrgUnit, postName?, caseOpenedAt?, title, detail, evidence, detectedAt, closedAt? }], nextCursor, total, bySeverity: { red, yellow, blue } }`. ' +
      '`total` and `bySeverity` count every finding the filters match, on all pages (cursor and limit aside). ' +
      '`postName` is the post of the case with its unit named once, `caseOpenedAt` when the case was opened (动议); ' +
      'both are absent while the case list has not caught up with the case.',
  })
  listFindings(@Query() query: FindingsParams, @CurrentActor() actor: Actor): Promise<FindingsPage> {
    return this.findings.list(actor, query);
  }

  @Get('reports/annual')
  @Roles('auditor', 'supervisor')
  @ApiOperation({
    summary: 'Yearly statistics per org unit as JSON, text/csv (UTF-8 with BOM) or XLSX, by Accept',
  })
  @ApiProduces('application/json', 'text/csv', XLSX)
  async annual(
    @Query() query: AnnualReportParams,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<AnnualReport | string | StreamableFile> {
    const report = await this.reports.report(actor, query.year, query.orgUnit);
    response.setHeader('Vary', 'Accept');
    const format = preferred(accept);
    const filename = encodeURIComponent(
      `${report.year}年度干部选拔任用工作统计${report.orgUnit ? `-${report.orgUnit}` : ''}`,
    );
    if (format === 'csv') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${filename}.csv`);
      return this.reports.csv(report);
    }
    if (format === 'xlsx')
      return new StreamableFile(await this.reports.xlsx(report), {
        type: XLSX,
        disposition: `attachment; filename*=UTF-8''${filename}.xlsx`,
      });
    return report;
  }

  @Get('people/:personId/accountability')
  @Roles('auditor', 'supervisor')
  @ApiOperation({
    summary: '倒查: who answered for each step of every case where the person was a candidate (DOMAIN.md §7)',
  })
  @ApiResponse({ status: 403, description: 'a supervisor of another org unit' })
  @ApiResponse({ status: 404, description: 'the person was never a candidate' })
  accountabilityOf(
    @Param('personId') personId: string,
    @CurrentActor() actor: Actor,
  ): Promise<Accountability> {
    return this.accountability.chain(actor, requireId('personId', personId));
  }

  @Get('recommenders/:id')
  @Roles('auditor', 'supervisor', 'handler')
  @ApiOperation({
    summary: 'R27 谁推荐谁负责: a recommender’s accountability records and current suspension',
  })
  async recommender(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<RecommenderView> {
    const state = await this.recommenders.state(requireId('id', id));
    const until = suspendedUntilOn(state, this.clock.now().toISOString());
    // The suspension holds in every unit (R27); which case and candidate caused it is the owning unit's.
    const visible = await this.accountability.visibleCases(actor, [
      ...new Set(state.records.map((r) => r.caseId)),
    ]);
    const shown = state.records.filter((r) => visible.has(r.caseId));
    return {
      recommenderId: id,
      ...(until !== null && { suspendedUntil: until }),
      otherUnitRecords: state.records.length - shown.length,
      records: shown.map((r) => ({
        caseId: r.caseId,
        candidateId: r.candidateId,
        candidateName: r.candidateName,
        cause: r.cause,
        causeLabel: ACCOUNTABILITY_CAUSE_LABELS[r.cause],
        at: r.at,
        suspendedUntil: r.suspendedUntil,
      })),
    };
  }
}
