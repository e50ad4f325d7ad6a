import { DateOnly, Nested, Text } from '../../http/field.decorators';

export class NoticeWaiverDto {
  @Text({ description: 'R23: special post, or already published at a general election' }) ground!: string;
}

export class StartPublicNoticeDto {
  @DateOnly({ description: 'R21: day one when a working day; the end date is computed' }) startDate!: string;
  @Nested(() => NoticeWaiverDto, { optional: true }) waived?: NoticeWaiverDto;
}
