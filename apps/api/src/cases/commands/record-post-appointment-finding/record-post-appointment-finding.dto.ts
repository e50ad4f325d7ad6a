import type { PostAppointmentFindingSource } from '@app/appointment/appointment.commands';
import { DateTime, Flag, OneOf, Text } from '../../http/field.decorators';

export class RecordPostAppointmentFindingDto {
  @OneOf(['discipline', 'inspection-tour', 'audit', 'petition', 'other'], {
    description: '纪检 | 巡视巡察 | 审计 | 信访 | 其他',
  })
  source!: PostAppointmentFindingSource;
  @DateTime({
    description: 'when the problem was found (R28: not in the future, not before the appointment)',
  })
  foundAt!: string;
  @Text() summary!: string;
  @Flag() substantiated!: boolean;
  @Flag({ description: 'the problem existed before the appointment: with substantiated, 带病提拔' })
  predatesAppointment!: boolean;
}
