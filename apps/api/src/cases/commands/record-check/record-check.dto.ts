import type { CheckOutcome } from '@app/appointment/appointment.commands';
import { DateTime, OneOf, Text } from '../../http/field.decorators';

export class RecordCheckDto {
  @OneOf(
    [
      'verified',
      'discrepancy',
      'consistent',
      'omission',
      'concealment',
      'none',
      'unsubstantiated',
      'substantiated',
    ],
    {
      description:
        'dossier: verified | discrepancy; personal-matters: consistent | omission | concealment; petitions: none | unsubstantiated | substantiated',
    },
  )
  outcome!: CheckOutcome;
  @Text() findings!: string;
  @DateTime() checkedAt!: string;
}
