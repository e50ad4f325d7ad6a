import { Text } from '../../http/field.decorators';

export class SubmitInspectionReportDto {
  @Text() conclusion!: string;
  @Text() strengths!: string;
  @Text() weaknesses!: string;
}
