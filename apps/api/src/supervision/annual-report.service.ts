import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Pool } from 'pg';
import type { Actor } from '@app/appointment/appointment.commands';
import { PG_POOL } from '@app/event-store';
import {
  ANNUAL_HEADERS,
  type AnnualAggregate,
  type AnnualReport,
  annualReport,
  annualReportRows,
} from '@app/projections/annual-statistics';
import { SupervisionForbiddenError } from './supervision.errors';

const BOM = '\uFEFF';

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** GET /reports/annual: the yearly statistics summed from the supervision read model. */
@Injectable()
export class AnnualReportService {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async report(actor: Actor, year: number, orgUnit: string | undefined): Promise<AnnualReport> {
    let unit = orgUnit ?? null;
    if (actor.role === 'supervisor') {
      if (unit !== null && unit !== actor.orgUnit)
        throw new SupervisionForbiddenError(
          'SUPERVISION.ORG_UNIT_NOT_ALLOWED',
          `分管领导只能查看本单位（${actor.orgUnit}）的年度统计`,
          { orgUnit: unit },
        );
      unit = actor.orgUnit;
    }
    const params: unknown[] = [year];
    if (unit !== null) params.push(unit);
    const { rows } = await this.pool.query<AnnualAggregate>(
      `SELECT kind, key, sum(value)::float8 AS total, count(*)::int AS count
       FROM supervision_annual_facts
       WHERE year = $1 ${unit !== null ? 'AND owner_org_unit = $2' : ''}
       GROUP BY kind, key`,
      params,
    );
    return annualReport(year, unit, rows);
  }

  /** UTF-8 with a byte-order mark, so Excel opens the Chinese headers as such. */
  csv(report: AnnualReport): string {
    const lines = [
      ANNUAL_HEADERS.join(','),
      ...annualReportRows(report).map((row) => row.map(csvCell).join(',')),
    ];
    return `${BOM}${lines.join('\r\n')}\r\n`;
  }

  async xlsx(report: AnnualReport): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '干部选拔任用工作纪实系统';
    const sheet = workbook.addWorksheet(`${report.year}年度统计`);
    sheet.columns = [
      { header: ANNUAL_HEADERS[0], key: 'item', width: 22 },
      { header: ANNUAL_HEADERS[1], key: 'sub', width: 28 },
      { header: ANNUAL_HEADERS[2], key: 'value', width: 12 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const [item, sub, value] of annualReportRows(report)) sheet.addRow({ item, sub, value });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
