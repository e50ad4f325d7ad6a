/**
 * What every decide function shares: the context, the checks that come before any rule
 * (case open, R1, stage, candidate status) and input validation that names the field.
 */
import type { Actor, AppointmentCommand, AppointmentCommandType, Role } from '../appointment.commands';
import type { RulesConfig, WorkingCalendar } from '../appointment.config';
import type { ActorRef, AppointmentEvent } from '../appointment.events';
import type { OrderedStep } from '../appointment.errors';
import { AppointmentErrors } from '../appointment.errors';
import { evolveAppointment } from '../appointment.evolve';
import { CHECK_RULES, closingOutcome, STANDING_BLOCKS } from '../appointment.rules';
import type {
  AppointmentState,
  CandidateState,
  CandidateStatus,
  CheckName,
  ExistingCaseState,
  OpenCaseState,
  Stage,
} from '../appointment.state';
import { compareMoments, isDateOrTime, isLaterThan, isPlainDate as isIsoDate } from '@app/time';

export interface DecideContext {
  calendar: WorkingCalendar;
  rules: RulesConfig;
}

export type CommandOf<T extends AppointmentCommandType> = Extract<AppointmentCommand, { type: T }>;

/**
 * What a guard sees: the command's type, the case, who asks and when. Guards hold the checks that
 * depend only on these, so decide and nextActions share them (one copy of each rule).
 */
export interface Guard {
  type: AppointmentCommandType;
  state: ExistingCaseState;
  actor: Actor;
  at: string;
  ctx: DecideContext;
}

export function guardOf(command: AppointmentCommand, state: ExistingCaseState, ctx: DecideContext): Guard {
  return { type: command.type, state, actor: command.actor, at: command.at, ctx };
}

export type DecideFn<T extends AppointmentCommandType> = (
  command: CommandOf<T>,
  state: ExistingCaseState,
  ctx: DecideContext,
) => AppointmentEvent[];

export function actorRef(actor: Actor): ActorRef {
  return { id: actor.id, name: actor.name, role: actor.role };
}

export const STAGES_AFTER_APPROVAL: readonly Stage[] = [
  'initiation-approved',
  'recommending',
  'inspection-targets',
  'inspecting',
  'deciding',
  'public-notice',
  'appointed',
];
export const STAGES_FROM_TARGETS: readonly Stage[] = [
  'inspection-targets',
  'inspecting',
  'deciding',
  'public-notice',
  'appointed',
];
export const STAGES_FROM_INSPECTING: readonly Stage[] = [
  'inspecting',
  'deciding',
  'public-notice',
  'appointed',
];

/** Commands R1 lets through before the initiation is approved. */
const BEFORE_APPROVAL: readonly AppointmentCommandType[] = [
  'ApproveInitiation',
  'RejectInitiation',
  'WithdrawCase',
  'IssueReminder',
];

/** The case is open, R1 holds, and the command belongs to the current stage. */
export function ensureActive(
  command: { type: AppointmentCommandType },
  state: ExistingCaseState,
  stages: readonly Stage[],
): OpenCaseState {
  if (state.status === 'closed') throw AppointmentErrors.caseClosed(state.caseId);
  // R1: nothing but approval, rejection or withdrawal before the initiation is approved.
  if (state.stage === 'initiated' && !BEFORE_APPROVAL.includes(command.type))
    throw AppointmentErrors.initiationNotApproved(command.type);
  if (!stages.includes(state.stage)) throw AppointmentErrors.wrongStage(command.type, state.stage, stages);
  return state;
}

export function findCandidate(state: ExistingCaseState, candidateId: string): CandidateState {
  const candidate = state.candidates.find((c) => c.candidateId === candidateId);
  if (!candidate) throw AppointmentErrors.candidateNotFound(candidateId);
  return candidate;
}

/**
 * R10 first: a vetoed candidate is refused as such on the way to approval. Recording more
 * inspection facts about them stays possible (vetoedAllowed); they change nothing.
 */
export function requireCandidateStatus(
  candidate: CandidateState,
  allowed: readonly CandidateStatus[],
  options: { vetoedAllowed?: boolean } = {},
): void {
  if (candidate.vetoed && !options.vetoedAllowed) throw AppointmentErrors.candidateVetoed(candidate);
  if (!allowed.includes(candidate.status))
    throw AppointmentErrors.candidateWrongStatus(candidate, candidate.status, allowed);
}

export const IN_INSPECTION: readonly CandidateStatus[] = ['target', 'deferred'];

/**
 * R12–R14, like R10's veto: a check that found what blocks the candidate (concealment, a
 * substantiated petition, a double-signed integrity objection) stands. Recording the check again,
 * or redrafting the integrity opinion, would lift the block without anyone deciding it.
 */
export function requireNoBlockingResult(candidate: CandidateState, check: CheckName): void {
  const result = candidate.checks[check];
  if (result?.blocking && STANDING_BLOCKS.includes(check))
    throw AppointmentErrors.checkResultStands(candidate, check, result.outcome, CHECK_RULES[check]);
}

export function requireText(field: string, value: unknown, maxLength = 10_000): string {
  if (typeof value !== 'string' || value.trim().length === 0)
    throw AppointmentErrors.invalid(field, 'text-required');
  if (value.length > maxLength)
    throw AppointmentErrors.invalid(field, 'text-too-long', undefined, { maxLength });
  return value;
}

export function optionalText(field: string, value: unknown, maxLength = 10_000): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > maxLength)
    throw AppointmentErrors.invalid(field, 'text-too-long', undefined, { maxLength });
  return value;
}

export function requireMoment(field: string, value: unknown): string {
  if (!isDateOrTime(value)) throw AppointmentErrors.invalid(field, 'moment-format');
  return value;
}

export function requireDate(field: string, value: unknown): string {
  if (!isIsoDate(value)) throw AppointmentErrors.invalid(field, 'date-format');
  return value;
}

/** R28: an occurred time (a moment or a date) that is not in the future of the command's clock. */
export function requireOccurred(
  field: string,
  value: unknown,
  now: string,
  ctx: DecideContext,
  kind: 'moment' | 'date' = 'moment',
): string {
  const moment = kind === 'date' ? requireDate(field, value) : requireMoment(field, value);
  if (isLaterThan(moment, now, ctx.rules.clockSkewMinutes * 60_000))
    throw AppointmentErrors.occurredInFuture(field, moment, now);
  return moment;
}

/**
 * R28: an occurred time is never earlier than the dated step it depends on. Dates and moments
 * compare by Shanghai date, so a date-only step is not "earlier" than a moment of the same day.
 */
export function requireNotBefore(
  field: string,
  value: string,
  dependsOn: { step: OrderedStep; at: string | null | undefined; id?: string; candidateId?: string },
): void {
  const { at, ...step } = dependsOn;
  if (at && compareMoments(value, at) < 0) throw AppointmentErrors.outOfOrder(field, value, step, at);
}

export function requireInteger(field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw AppointmentErrors.invalid(field, 'integer-min', undefined, { min });
  return value;
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw AppointmentErrors.invalid(field, 'one-of', undefined, {
      allowed,
    });
  }
  return value as T;
}

/** `nameOf` names a value listed twice where the command knows it (a member's, a candidate's name). */
export function requireUnique(
  field: string,
  values: readonly string[],
  nameOf: (value: string) => string | undefined = () => undefined,
): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) {
      const name = nameOf(v);
      throw AppointmentErrors.invalid(field, 'listed-twice', undefined, {
        value: v,
        ...(name !== undefined && { valueName: name }),
      });
    }
    seen.add(v);
  }
}

/**
 * For commands that name a choice of candidates: nothing when one candidate passes `check`,
 * otherwise every candidate's reason (or, with none to choose from, the field's).
 */
export function reasonsNonePasses(
  candidates: readonly CandidateState[],
  check: (candidate: CandidateState) => void,
  field: string,
): unknown[] {
  const reasons: unknown[] = [];
  for (const candidate of candidates) {
    try {
      check(candidate);
      return [];
    } catch (error) {
      reasons.push(error);
    }
  }
  return reasons.length > 0 ? reasons : [AppointmentErrors.invalid(field, 'candidates-empty')];
}

/** Appends CaseClosed when the events just decided end the last open appointment. */
export function withClosure(
  state: OpenCaseState,
  events: AppointmentEvent[],
  closedAt: string,
): AppointmentEvent[] {
  const after = events.reduce<AppointmentState>(evolveAppointment, state);
  if (after.status !== 'open') return events;
  const outcome = closingOutcome(after.candidates, after.seats);
  return outcome
    ? [...events, { type: 'CaseClosed', data: { caseId: state.caseId, outcome, closedAt } }]
    : events;
}

export function isRole(actor: Actor, role: Role): boolean {
  return actor.role === role;
}
