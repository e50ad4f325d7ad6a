import { Flag, Nested } from '../../http/field.decorators';

export class EligibilityFlagsDto {
  @Flag() politicalDiscipline!: boolean;
  @Flag() lowAcceptance!: boolean;
  @Flag() appraisalBasicOrLower!: boolean;
  @Flag() canvassing!: boolean;
  @Flag() familyEmigrated!: boolean;
  @Flag() disciplinaryImpactPeriod!: boolean;
}

export class RecordEligibilityDto {
  @Nested(() => EligibilityFlagsDto, { description: 'R5: 条例 Art. 24' }) flags!: EligibilityFlagsDto;
}
