import { PlatformError } from '@app/platform';

export class ReadModelNotFoundError extends PlatformError {
  readonly category = 'not-found' as const;
}

export class ReadModelForbiddenError extends PlatformError {
  readonly category = 'forbidden' as const;
}
