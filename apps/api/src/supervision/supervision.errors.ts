import { PlatformError } from '@app/platform';

export class SupervisionForbiddenError extends PlatformError {
  readonly category = 'forbidden' as const;
}

export class SupervisionNotFoundError extends PlatformError {
  readonly category = 'not-found' as const;
}
