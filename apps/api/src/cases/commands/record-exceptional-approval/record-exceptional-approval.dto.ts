import { DateTime, Name } from '../../http/field.decorators';

export class RecordExceptionalApprovalDto {
  @Name({ description: 'the higher-level organisation department' }) approvedBy!: string;
  @Name() documentNo!: string;
  @DateTime() approvedAt!: string;
}
