import { ApiPropertyOptional } from '@nestjs/swagger';
import { DecimalInteger, IsNotBlank, QueryBoolean } from '@app/platform';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { FINDING_CODES, type FindingCode, type Severity } from '@app/projections/supervision-findings';

/** Printable text only: a NUL byte or a lone surrogate never reaches the database. */
const PRINTABLE = /^(?:[^\u0000-\u001f\u007f\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;
const printable = { message: 'orgUnit must be printable text' };

export class FindingsParams {
  @ApiPropertyOptional({ enum: ['red', 'yellow', 'blue'] })
  @IsOptional()
  @IsIn(['red', 'yellow', 'blue'])
  severity?: Severity;

  @ApiPropertyOptional({ enum: FINDING_CODES })
  @IsOptional()
  @IsIn(FINDING_CODES)
  code?: FindingCode;

  @ApiPropertyOptional({ description: 'the org unit that owns the case (ownerOrgUnit)' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  @Matches(PRINTABLE, printable)
  orgUnit?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'caseId must be a UUID',
  })
  caseId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: still open; false: closed (remedied)' })
  @IsOptional()
  @QueryBoolean()
  open?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'true: also count the findings the filters match on every page (`total`, `bySeverity`); ' +
      'a count reads every matching finding, so ask for it once, with the first page',
  })
  @IsOptional()
  @QueryBoolean()
  totals?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page (signed)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{43}$/, {
    message: 'cursor must be the nextCursor of a previous page',
  })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AnnualReportParams {
  @ApiPropertyOptional({ description: 'the calendar year, e.g. 2025' })
  @DecimalInteger()
  @IsInt({ message: 'year must be a year such as 2025' })
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ description: 'the org unit that owns the cases; supervisors always get their own' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  @Matches(PRINTABLE, printable)
  orgUnit?: string;
}
