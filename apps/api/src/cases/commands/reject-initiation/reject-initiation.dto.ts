import { Text } from '../../http/field.decorators';

export class RejectInitiationDto {
  @Text({ optional: true }) comment?: string;
}
