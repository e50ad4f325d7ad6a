import type { InspectionActivityKind } from '@app/appointment/appointment.commands';
import { Count, DateTime, Nested, OneOf, Text } from '../../http/field.decorators';

export class AssessmentGradesDto {
  @Count(0, 1_000_000) excellent!: number;
  @Count(0, 1_000_000) competent!: number;
  @Count(0, 1_000_000) basic!: number;
  @Count(0, 1_000_000) incompetent!: number;
}

export class RecordInspectionActivityDto {
  @OneOf([
    'individual-talk',
    'democratic-assessment',
    'dossier-reading',
    'field-visit',
    'candidate-interview',
  ])
  kind!: InspectionActivityKind;
  @DateTime() heldAt!: string;
  @Text() summary!: string;
  @Count(0, 1_000_000, { optional: true }) count?: number;
  @Nested(() => AssessmentGradesDto, {
    optional: true,
    description: 'R9: democratic assessment counts per grade',
  })
  grades?: AssessmentGradesDto;
}
