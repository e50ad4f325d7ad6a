import { Text } from '../../http/field.decorators';

export class DropCandidateDto {
  @Text() reason!: string;
}
