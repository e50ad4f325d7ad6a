import { ApiPropertyOptional } from '@nestjs/swagger';
import { DecimalInteger, QueryBoolean } from '@app/platform';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class InboxQueryParams {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: unread entries only; false: read entries only; absent: all',
  })
  @IsOptional()
  @QueryBoolean()
  unread?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;
}
