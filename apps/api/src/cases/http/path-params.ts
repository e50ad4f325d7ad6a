import { type ArgumentMetadata, Injectable, ParseUUIDPipe, PipeTransform } from '@nestjs/common';
import type { OpinionKind, RecordedCheck } from '@app/appointment/appointment.commands';
import { fieldError, RequestValidationError } from '@app/platform';

export const OPINION_KINDS: readonly OpinionKind[] = ['political', 'integrity'];
export const RECORDED_CHECKS: readonly RecordedCheck[] = ['dossier', 'personal-matters', 'petitions'];

/**
 * A path id that must be a UUID (case, candidate, objection); 400 naming the parameter otherwise.
 * The service writes its UUIDs in lower case; one copied in upper case is the same id.
 */
class LowerCaseUuidPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await super.transform(value, metadata)).toLowerCase();
  }
}

export const UuidParam = (field: string): ParseUUIDPipe =>
  new LowerCaseUuidPipe({
    exceptionFactory: () => new RequestValidationError([fieldError(field, 'isUuid')]),
  });

/** A path segment that must be one of a fixed set (opinion kind, check). */
@Injectable()
export class OneOfPipe<T extends string> implements PipeTransform<string, T> {
  constructor(
    private readonly field: string,
    private readonly values: readonly T[],
  ) {}

  transform(value: string): T {
    const match = this.values.find((allowed) => allowed === value);
    if (match === undefined) {
      throw new RequestValidationError([fieldError(this.field, 'isIn', { allowed: this.values })]);
    }
    return match;
  }
}
