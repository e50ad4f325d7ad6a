import type { ObjectionOutcome } from '@app/appointment/appointment.commands';
import { OneOf, Text } from '../../http/field.decorators';

export class ResolveObjectionDto {
  @OneOf(['unfounded', 'minor', 'serious', 'hold']) outcome!: ObjectionOutcome;
  @Text() findings!: string;
}
