/**
 * What the domain needs from outside that is still pure: the working-day calendar
 * (implemented by libs/calendar) and the configurable numbers of DOMAIN.md.
 */

/** Dates are 'YYYY-MM-DD' in Asia/Shanghai. Implementations refuse dates outside their data. */
export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /**
   * The n-th working day counting `date` itself as day one when it is a working day
   * (R21: a notice starting on a working day ends on the 5th working day).
   */
  nthWorkingDay(date: string, n: number): string;
  /** The date `n` working days after `date` (date itself not counted). */
  addWorkingDays(date: string, n: number): string;
}

export interface RulesConfig {
  /** R2: meeting-round turnout as a fraction of the eligible list. */
  recommendationTurnout: number;
  /** R4: months a valid recommendation round stays usable. */
  recommendationValidityMonths: number;
  /** R10: roles that sign the political opinion. */
  politicalSigners: [string, string];
  /** R13: roles that sign the integrity opinion. */
  integritySigners: [string, string];
  /** R18: quorum as a fraction of members entitled to attend. */
  decisionQuorum: number;
  /** R21: minimum public-notice length in working days. */
  noticeWorkingDays: number;
  /** R22: months an objection may stay on hold before it escalates. */
  holdMonths: number;
  /** R24: probation length in months. */
  probationMonths: number;
  /** R28: how far past the service clock an occurred time may lie (clock skew). */
  clockSkewMinutes: number;
}

export const defaultRulesConfig: RulesConfig = {
  recommendationTurnout: 2 / 3,
  recommendationValidityMonths: 12,
  politicalSigners: ['inspection-leader', 'unit-secretary'],
  integritySigners: ['unit-secretary', 'discipline-secretary'],
  decisionQuorum: 2 / 3,
  noticeWorkingDays: 5,
  holdMonths: 3,
  probationMonths: 12,
  clockSkewMinutes: 5,
};
