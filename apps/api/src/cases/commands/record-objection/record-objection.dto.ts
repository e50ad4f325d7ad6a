import { DateTime, Text } from '../../http/field.decorators';

export class RecordObjectionDto {
  @DateTime() receivedAt!: string;
  @Text() summary!: string;
}
