import type { RecordRecommendationRound } from '@app/appointment/appointment.commands';
import { Count, DateTime, Id, Name, NestedList, OneOf, Uuid } from '../../http/field.decorators';

export class RoundResultDto {
  @Uuid({ optional: true }) candidateId?: string;
  @Id() personId!: string;
  @Name() name!: string;
  @Count(0, 1_000_000) votes!: number;
}

export class RecordRecommendationRoundDto {
  @OneOf(['talk', 'meeting']) kind!: RecordRecommendationRound['data']['kind'];
  @DateTime() heldAt!: string;
  @Count(1, 1_000_000) eligible!: number;
  @Count(0, 1_000_000) participants!: number;
  @NestedList(() => RoundResultDto) results!: RoundResultDto[];
}
