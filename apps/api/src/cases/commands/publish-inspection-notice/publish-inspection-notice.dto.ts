import { DateTime, Name } from '../../http/field.decorators';

export class PublishInspectionNoticeDto {
  @DateTime() publishedAt!: string;
  @Name() channel!: string;
}
