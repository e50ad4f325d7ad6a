import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches, ValidateIf } from 'class-validator';
import { DateTime } from '../../http/field.decorators';

export class GetCaseStateParams {
  @DateTime({ optional: true, description: 'the case as recorded up to this moment' }) asOf?: string;

  @ApiPropertyOptional({ description: 'the case as it was at this stream revision', pattern: '^\\d+$' })
  @ValidateIf((_params: object, value: unknown) => value !== undefined)
  @Matches(/^\d{1,19}$/, { message: 'revision must be a non-negative integer' })
  revision?: string;
}
