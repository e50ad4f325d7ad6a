import { Id, Name, Nested, NestedList, Text, Uuid } from '../../http/field.decorators';

export class TeamMemberDto {
  @Id() id!: string;
  @Name() name!: string;
}

export class RecusalDto {
  @Id() personId!: string;
  @Uuid() candidateId!: string;
  @Text() reason!: string;
}

export class FormInspectionTeamDto {
  @Nested(() => TeamMemberDto) leader!: TeamMemberDto;
  @NestedList(() => TeamMemberDto, { min: 1, max: 50 }) members!: TeamMemberDto[];
  @NestedList(() => RecusalDto, { optional: true, max: 100 }) recusals?: RecusalDto[];
}
