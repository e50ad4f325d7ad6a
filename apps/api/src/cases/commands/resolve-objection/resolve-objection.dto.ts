import type { ObjectionOutcome } from '@app/appointment/appointment.commands';
import { DateTime, Name, Nested, OneOf, Text } from '../../http/field.decorators';

/** R22: the reminder talk (提醒谈话) that goes with a minor finding. */
export class ReminderTalkDto {
  @DateTime() heldAt!: string;
  @Name() heldBy!: string;
}

export class ResolveObjectionDto {
  @OneOf(['unfounded', 'minor', 'serious', 'hold']) outcome!: ObjectionOutcome;
  @Text() findings!: string;
  @Nested(() => ReminderTalkDto, { optional: true, description: 'R22: required with outcome minor' })
  reminderTalk?: ReminderTalkDto;
}
