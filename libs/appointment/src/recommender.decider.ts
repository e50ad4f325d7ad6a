/**
 * R27 谁推荐谁负责: the recommender's own stream (`recommender-<id>`). A case's 带病提拔 or a
 * failed probation holds every recommender of that candidate accountable; their recommending
 * qualification is suspended for a configurable number of months from the event that caused it.
 * Pure, like the appointment decider: the time and the period arrive in the command.
 */
import { AppointmentErrors } from './appointment.errors';
import { addMonths, isDateOrTime, shanghaiDate } from '@app/time';

export const RECOMMENDER_STREAM_PREFIX = 'recommender-';

export function recommenderStreamId(recommenderId: string): string {
  return RECOMMENDER_STREAM_PREFIX + recommenderId;
}

export type AccountabilityCause = 'sick-promotion' | 'probation-incompetent';

export const ACCOUNTABILITY_CAUSE_LABELS: Record<AccountabilityCause, string> = {
  'sick-promotion': '所荐干部被认定为带病提拔',
  'probation-incompetent': '所荐干部试用期考核不称职',
};

export interface HoldRecommenderAccountable {
  type: 'HoldRecommenderAccountable';
  data: {
    recommender: { id: string; name: string; role: string };
    caseId: string;
    candidateId: string;
    candidateName: string;
    cause: AccountabilityCause;
    /** Revision of the case event that caused it: one accountability per cause. */
    causeRevision: string;
    /** The occurred time of the causing event: the suspension counts from it. */
    at: string;
    suspensionMonths: number;
  };
}

export interface RecommenderHeldAccountable {
  type: 'RecommenderHeldAccountable';
  data: {
    recommenderId: string;
    recommenderName: string;
    recommenderRole: string;
    caseId: string;
    candidateId: string;
    candidateName: string;
    cause: AccountabilityCause;
    causeRevision: string;
    at: string;
    /** 'YYYY-MM-DD': suspended before this date, free again on it. */
    suspendedUntil: string;
  };
}

export interface RecommenderRecord {
  caseId: string;
  candidateId: string;
  candidateName: string;
  cause: AccountabilityCause;
  causeRevision: string;
  at: string;
  suspendedUntil: string;
}

export interface RecommenderState {
  records: RecommenderRecord[];
  /** The latest end of any suspension, or null. */
  suspendedUntil: string | null;
}

export function initialRecommenderState(): RecommenderState {
  return { records: [], suspendedUntil: null };
}

export function evolveRecommender(
  state: RecommenderState,
  event: { type: string; data: unknown },
): RecommenderState {
  if (event.type !== 'RecommenderHeldAccountable') return state;
  const d = (event as RecommenderHeldAccountable).data;
  const record: RecommenderRecord = {
    caseId: d.caseId,
    candidateId: d.candidateId,
    candidateName: d.candidateName,
    cause: d.cause,
    causeRevision: d.causeRevision,
    at: d.at,
    suspendedUntil: d.suspendedUntil,
  };
  return {
    records: [...state.records, record],
    suspendedUntil:
      state.suspendedUntil === null || d.suspendedUntil > state.suspendedUntil
        ? d.suspendedUntil
        : state.suspendedUntil,
  };
}

export function decideRecommender(
  command: HoldRecommenderAccountable,
  state: RecommenderState,
): RecommenderHeldAccountable[] {
  const d = command.data;
  if (!isDateOrTime(d.at)) throw AppointmentErrors.invalid('at', 'moment-format');
  if (!Number.isInteger(d.suspensionMonths) || d.suspensionMonths < 1)
    throw AppointmentErrors.invalid('suspensionMonths', 'integer-min', undefined, { min: 1 });
  const same = (r: RecommenderRecord) =>
    r.caseId === d.caseId && r.candidateId === d.candidateId && r.cause === d.cause;
  // One accountability per candidate and cause: a replay, or a second finding, adds nothing.
  if (state.records.some(same)) return [];
  return [
    {
      type: 'RecommenderHeldAccountable',
      data: {
        recommenderId: d.recommender.id,
        recommenderName: d.recommender.name,
        recommenderRole: d.recommender.role,
        caseId: d.caseId,
        candidateId: d.candidateId,
        candidateName: d.candidateName,
        cause: d.cause,
        causeRevision: d.causeRevision,
        at: d.at,
        suspendedUntil: addMonths(shanghaiDate(d.at), d.suspensionMonths),
      },
    },
  ];
}

export const recommenderDecider = {
  initialState: initialRecommenderState,
  evolve: evolveRecommender,
  decide: decideRecommender,
};

/** Whether the recommender may recommend on the given day (R27). */
export function suspendedUntilOn(state: RecommenderState, at: string): string | null {
  return state.suspendedUntil !== null && shanghaiDate(at) < state.suspendedUntil
    ? state.suspendedUntil
    : null;
}
