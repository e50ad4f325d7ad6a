import { ERROR_CATALOGUE, FIELD_REASONS } from '@app/platform';

export interface ErrorCodeView {
  code: string;
  status: number;
  rule?: string;
  zh: string;
  en: string;
}

export interface FieldReasonView {
  reason: string;
  zh: string;
  en: string;
}

export interface ErrorCatalogueView {
  count: number;
  /** Every `code` a problem-details answer can carry, by status then code. */
  errors: ErrorCodeView[];
  /** Why a field is refused: the `messages` of an `errors[]` entry and of APPOINTMENT.INVALID_INPUT. */
  fieldReasons: FieldReasonView[];
}

export function errorCatalogueView(): ErrorCatalogueView {
  const errors = Object.entries(ERROR_CATALOGUE)
    .map(([code, entry]) => ({ code, ...entry }))
    .sort((a, b) => a.status - b.status || a.code.localeCompare(b.code));
  const fieldReasons = Object.entries(FIELD_REASONS).map(([reason, words]) => ({ reason, ...words }));
  return { count: errors.length, errors, fieldReasons };
}
