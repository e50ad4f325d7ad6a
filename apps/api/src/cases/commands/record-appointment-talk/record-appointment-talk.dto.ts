import { DateTime, Name } from '../../http/field.decorators';

export class RecordAppointmentTalkDto {
  @DateTime() heldAt!: string;
  @Name() heldBy!: string;
}
