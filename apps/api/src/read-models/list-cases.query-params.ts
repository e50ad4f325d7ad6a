import { ApiPropertyOptional } from '@nestjs/swagger';
import { DecimalInteger, QueryBoolean } from '@app/platform';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { STAGE_LABELS, STAGES, type Stage } from '@app/appointment';
import { DateTime, Name, Uuid } from '../cases/http/field.decorators';
import { IsStage, stageFromName } from './stage-names';

export class ListCasesParams {
  @ApiPropertyOptional({
    enum: [...STAGES, ...STAGES.map((stage) => STAGE_LABELS[stage])],
    description: 'the stage, by its code or its Chinese name (e.g. `inspecting` or `考察`)',
  })
  @IsOptional()
  @Transform(({ value }) => stageFromName(value))
  @IsStage()
  stage?: Stage;

  @Name({ optional: true, description: 'the org unit that owns the case (ownerOrgUnit)' })
  orgUnit?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only cases with an open deadline already due',
  })
  @IsOptional()
  @QueryBoolean()
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'words of the post title, org units or candidate names' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,900}$/, { message: 'cursor 不是上一页给出的 nextCursor' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class TimelineParams {
  @Uuid({ optional: true, description: 'only the entries concerning this candidate (一人一表)' })
  candidateId?: string;

  @DateTime({ optional: true, description: 'only the entries recorded up to this moment' })
  asOf?: string;
}
