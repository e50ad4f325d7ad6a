import type { ExceptionalKind } from '@app/appointment/appointment.commands';
import { DateOnly, Id, Name, Nested, OneOf, Text } from '../../http/field.decorators';

export class PersonDto {
  @Id() id!: string;
  @Name() name!: string;
  @DateOnly({ optional: true }) birthDate?: string;
  @Name() currentPost!: string;
  @Name({ description: "the candidate's own unit (scopes the two signers)" }) orgUnit!: string;
}

export class RecommenderDto {
  @Id() id!: string;
  @Name() name!: string;
  @Name() role!: string;
}

export class ExceptionalDto {
  @OneOf(['skip-level', 'unrecommended', 'other']) kind!: ExceptionalKind;
  @Text() grounds!: string;
}

export class NominateCandidateDto {
  @Nested(() => PersonDto) person!: PersonDto;
  @Nested(() => RecommenderDto, { description: 'R3: 实名推荐' }) recommendedBy!: RecommenderDto;
  @Text() reason!: string;
  @Nested(() => ExceptionalDto, { optional: true, description: 'R6: 破格' }) exceptional?: ExceptionalDto;
}
