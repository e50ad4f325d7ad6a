/**
 * What every decide function shares: the context, the checks that come before any rule
 * (case open, R1, stage, candidate status) and input validation that names the field.
 */
import type { Actor, AppointmentCommand, AppointmentCommandType, Role } from '../appointment.commands';
import type { RulesConfig, WorkingCalendar } from '../appointment.config';
import type { ActorRef, AppointmentEvent } from '../appointment.events';
import { AppointmentErrors } from '../appointment.errors';
import { evolveAppointment } from '../appointment.evolve';
import { closingOutcome } from '../appointment.rules';
import type {
  AppointmentState,
  CandidateState,
  CandidateStatus,
  ExistingCaseState,
  OpenCaseState,
  Stage,
} from '../appointment.state';
import { isDateOrTime, isIsoDate } from '../appointment.time';

export interface DecideContext {
  calendar: WorkingCalendar;
  rules: RulesConfig;
}

export type CommandOf<T extends AppointmentCommandType> = Extract<AppointmentCommand, { type: T }>;

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
  command: AppointmentCommand,
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

export function requireUnique(field: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw AppointmentErrors.invalid(field, 'listed-twice', undefined, { value: v });
    seen.add(v);
  }
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
