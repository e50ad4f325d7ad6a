import { fieldError, PlatformError, RequestValidationError } from '@app/platform';

export class SupervisionForbiddenError extends PlatformError {
  readonly category = 'forbidden' as const;
}

export class SupervisionNotFoundError extends PlatformError {
  readonly category = 'not-found' as const;
}

/** Person and recommender ids travel in paths: printable, at most this many characters. */
export const PATH_ID_MAX = 100;

/**
 * A path id that is empty, too long or unprintable. The recommender's `id` (GET /recommenders/:id)
 * is labelled 推荐人编号, not the 案件编号 a bare `/id` is elsewhere.
 */
export function invalidPathId(field: 'personId' | 'id'): RequestValidationError {
  const error = fieldError(field, 'pathId', { max: PATH_ID_MAX });
  return new RequestValidationError([field === 'id' ? { ...error, scope: 'Recommender' } : error]);
}
