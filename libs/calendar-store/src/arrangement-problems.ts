import {
  type ArrangementProblem,
  CalendarArrangementError,
  FIRST_LOADABLE_YEAR,
  LAST_LOADABLE_YEAR,
} from '@app/calendar';
import { type FieldError, fieldError } from '@app/platform';

/** Field labels particular to a year's arrangement (文号 and 发布日期 of the State Council notice). */
export const ARRANGEMENT_SCOPE = 'CalendarArrangement';

type Params = Record<string, unknown>;

/** One field of the arrangement refused for a FIELD_REASONS reason. */
export function arrangementFieldError(field: string, reason: string, params: Params = {}): FieldError {
  return { ...fieldError(field, reason, params), scope: ARRANGEMENT_SCOPE };
}

/** The path's year is not one an arrangement can be loaded for. */
export function invalidYear(rawYear: string): FieldError {
  return arrangementFieldError('year', 'calendar-year', {
    year: rawYear,
    min: FIRST_LOADABLE_YEAR,
    max: LAST_LOADABLE_YEAR,
  });
}

/** CALENDAR.INVALID_ARRANGEMENT with each problem by its reason key, in the client's language. */
export function arrangementError(problems: Array<ArrangementProblem | FieldError>): CalendarArrangementError {
  const byField = new Map<string, FieldError>();
  for (const problem of problems) {
    const error =
      'reason' in problem ? arrangementFieldError(problem.field, problem.reason, problem.params) : problem;
    const seen = byField.get(error.field);
    if (seen === undefined) byField.set(error.field, { ...error, problems: [...(error.problems ?? [])] });
    else {
      seen.messages.push(...error.messages);
      seen.problems?.push(...(error.problems ?? []));
    }
  }
  return new CalendarArrangementError([...byField.values()]);
}
