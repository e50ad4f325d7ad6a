import type { ProbationResult } from '@app/appointment/appointment.commands';
import { Count, OneOf, Text } from '../../http/field.decorators';

export class ReviewProbationDto {
  @OneOf(['competent', 'incompetent', 'extend']) result!: ProbationResult;
  @Text() findings!: string;
  @Count(1, 3660, { optional: true }) extendDays?: number;
}
