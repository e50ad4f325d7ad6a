import { Digest } from '../../http/field.decorators';

export class SignOpinionDto {
  @Digest({ description: 'R16: the digest of the text the signer read' }) digest!: string;
}
