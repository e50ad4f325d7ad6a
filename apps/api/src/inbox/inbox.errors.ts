import { PlatformError } from '@app/platform';

export class InboxEntryNotFoundError extends PlatformError {
  readonly category = 'not-found' as const;

  constructor(id: string) {
    super('INBOX.ENTRY_NOT_FOUND', `no inbox entry ${id} for you`);
  }
}
