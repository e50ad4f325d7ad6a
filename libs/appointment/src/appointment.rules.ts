/**
 * The arithmetic and tables behind the rules, as pure functions the decider and tests share.
 */
import { createHash } from 'node:crypto';
import type {
  CheckOutcome,
  EligibilityFlags,
  ExceptionalKind,
  OpinionKind,
  RecordedCheck,
  Role,
} from './appointment.commands';
import type { DisqualifyingFlag } from './appointment.events';
import type { RuleId } from './appointment.errors';
import type { CandidateState, CandidateStatus, CheckName } from './appointment.state';
import { CHECK_NAMES } from './appointment.state';

/** Ratios like 2/3 are not exact in binary; a hair of tolerance keeps 9 × 2/3 at 6. */
function atLeast(total: number, ratio: number): number {
  return Math.ceil(total * ratio - 1e-9);
}

/** R2: participants needed for a meeting recommendation round. */
export function requiredTurnout(eligible: number, ratio: number): number {
  return atLeast(eligible, ratio);
}

/** R18: attendees needed for a decision meeting. */
export function requiredQuorum(entitled: number, ratio: number): number {
  return atLeast(entitled, ratio);
}

/** R19: agree votes needed: more than half of all members entitled to attend. */
export function requiredMajority(entitled: number): number {
  return Math.floor(entitled / 2) + 1;
}

/** R5 (条例 Art. 24): the flags that are set. */
export function disqualifyingFlags(flags: EligibilityFlags): DisqualifyingFlag[] {
  return (Object.keys(flags) as DisqualifyingFlag[]).filter((flag) => flags[flag] === true);
}

/** R6: skip-level and unrecommended 破格 need approval before targets; others before the meeting. */
export function exceptionalApprovalDeadline(
  kind: ExceptionalKind,
): 'inspection-targets' | 'decision-meeting' {
  return kind === 'other' ? 'decision-meeting' : 'inspection-targets';
}

export const CHECK_RULES: Record<CheckName, RuleId> = {
  dossier: 'R11',
  'personal-matters': 'R12',
  'discipline-opinion': 'R13',
  petitions: 'R14',
};

/** The checks recorded by their own command, with a checkedAt (R13 completes with its signatures). */
export const RECORDED_CHECKS: readonly RecordedCheck[] = ['dossier', 'personal-matters', 'petitions'];

/**
 * DOMAIN.md §5: who records each check. The handler records every check; the discipline secretary
 * only the petition check (R14) — the discipline opinion (R13) is signed, not recorded here.
 */
export const CHECK_ROLES: Record<RecordedCheck, readonly Role[]> = {
  dossier: ['handler'],
  'personal-matters': ['handler'],
  petitions: ['handler', 'discipline-secretary'],
};

/** Who drafts each opinion (R10, R13): the team leader the political one, the handler or the discipline secretary the integrity one. */
export const DRAFTER_ROLES: Record<OpinionKind, readonly Role[]> = {
  political: ['inspector'],
  integrity: ['handler', 'discipline-secretary'],
};

export const CHECK_OUTCOMES: Record<RecordedCheck, readonly CheckOutcome[]> = {
  dossier: ['verified', 'discrepancy'],
  'personal-matters': ['consistent', 'omission', 'concealment'],
  petitions: ['none', 'unsubstantiated', 'substantiated'],
};

/**
 * R11–R14: outcomes that keep a candidate from the meeting. R11: a dossier discrepancy must be
 * cleared (the check re-recorded as verified) before the case is discussed, as 干部档案审核 requires.
 */
/**
 * The checks whose blocking result stands (DOMAIN.md: concealment, an objection, a substantiated
 * petition "block the candidate"), as R10's veto does. A dossier discrepancy blocks only until the
 * dossier is verified again: 三龄两历一身份 are put right and checked once more.
 */
export const STANDING_BLOCKS: readonly CheckName[] = ['personal-matters', 'discipline-opinion', 'petitions'];

export function isBlockingOutcome(check: CheckName, outcome: string): boolean {
  switch (check) {
    case 'dossier':
      return outcome === 'discrepancy';
    case 'personal-matters':
      return outcome === 'concealment';
    case 'discipline-opinion':
      return outcome === 'objection';
    case 'petitions':
      return outcome === 'substantiated';
    default: {
      const unknownCheck: never = check;
      return unknownCheck;
    }
  }
}

/** R16: lowercase hex SHA-256 of the UTF-8 text. */
export function opinionDigest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export type ReadinessGap =
  | 'inspection-report'
  | `check:${CheckName}`
  | 'opinion:political'
  | 'opinion:integrity'
  | 'exceptional-approval';

export interface Readiness {
  vetoed: boolean;
  blocking: Array<{ check: CheckName; outcome: string; rule: RuleId }>;
  missing: ReadinessGap[];
}

/** R15: what stands between a candidate and the decision meeting. */
export function decisionReadiness(candidate: CandidateState): Readiness {
  const missing: ReadinessGap[] = [];
  const blocking: Readiness['blocking'] = [];
  if (!candidate.report) missing.push('inspection-report');
  for (const check of CHECK_NAMES) {
    const state = candidate.checks[check];
    if (!state) missing.push(`check:${check}`);
    else if (state.blocking) blocking.push({ check, outcome: state.outcome, rule: CHECK_RULES[check] });
  }
  if (!candidate.opinions.political?.complete) missing.push('opinion:political');
  if (!candidate.opinions.integrity?.complete) missing.push('opinion:integrity');
  if (candidate.exceptional && !candidate.exceptional.approval) missing.push('exceptional-approval');
  return { vetoed: candidate.vetoed, blocking, missing };
}

/** Candidates that hold a seat or are on their way to one (R20). */
export const SEAT_HOLDING_STATUSES: readonly CandidateStatus[] = [
  'approved',
  'in-notice',
  'appointed',
  'on-probation',
  'confirmed',
];

const IN_APPOINTMENT: readonly CandidateStatus[] = ['approved', 'in-notice', 'appointed', 'on-probation'];
const AWAITING_DECISION: readonly CandidateStatus[] = ['target', 'deferred'];

/**
 * The case ends once nobody is between approval and confirmation, and either an appointment was
 * revoked (R26 ends the case) or confirmed with no seat left that a pending candidate could take.
 */
export function closingOutcome(
  candidates: readonly CandidateState[],
  seats: number,
): 'confirmed' | 'revoked' | null {
  if (candidates.some((c) => IN_APPOINTMENT.includes(c.status))) return null;
  const confirmed = candidates.filter((c) => c.status === 'confirmed').length;
  const revoked = candidates.filter((c) => c.status === 'revoked').length;
  if (confirmed + revoked === 0) return null;
  const pending = candidates.some((c) => AWAITING_DECISION.includes(c.status) && !c.vetoed);
  if (pending && revoked === 0 && confirmed < seats) return null;
  return confirmed > 0 ? 'confirmed' : 'revoked';
}
