import { Text } from '../../http/field.decorators';

export class ApproveInitiationDto {
  @Text({ optional: true }) comment?: string;
}
