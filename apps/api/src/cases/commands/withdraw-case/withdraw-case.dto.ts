import { Text } from '../../http/field.decorators';

export class WithdrawCaseDto {
  @Text() reason!: string;
}
