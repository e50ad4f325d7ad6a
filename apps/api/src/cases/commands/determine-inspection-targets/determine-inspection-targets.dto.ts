import { DateTime, Text, UuidList } from '../../http/field.decorators';

export class DetermineInspectionTargetsDto {
  @UuidList({ min: 1, max: 100, unique: true }) candidateIds!: string[];
  @DateTime() decidedAt!: string;
  @Text() basis!: string;
}
