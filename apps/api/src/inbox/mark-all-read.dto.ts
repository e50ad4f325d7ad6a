import { Uuid } from '../cases/http/field.decorators';

/** The body of POST /inbox/read: nothing (every unread entry of the caller), or the one case to mark. */
export class MarkAllReadDto {
  @Uuid({ optional: true, description: 'only the entries of this case' })
  caseId?: string;
}
