import { DateOnly, Flag } from '../../http/field.decorators';

export class IssueAppointmentDto {
  @DateOnly({ description: 'R23: later than the public notice end date' }) noticeDate!: string;
  @Flag({ description: 'R24: whether probation (试用期) applies' }) probation!: boolean;
}
