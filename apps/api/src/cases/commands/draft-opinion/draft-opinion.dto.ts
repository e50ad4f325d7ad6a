import type { IntegrityVerdict, PoliticalVerdict } from '@app/appointment/appointment.commands';
import { OneOf, Text } from '../../http/field.decorators';

export class DraftOpinionDto {
  @Text() text!: string;
  @OneOf(['qualified', 'unqualified', 'no-objection', 'objection'], {
    description: 'political: qualified | unqualified; integrity: no-objection | objection',
  })
  verdict!: PoliticalVerdict | IntegrityVerdict;
}
