/** What every per-stage evolver shares: the stage that only moves forward, updatedAt, one candidate's update. */
import type { AppointmentEvent } from '../appointment.events';
import type { CandidateState, CaseData, Stage } from '../appointment.state';
import { stageIndex } from '../appointment.state';
import { isLaterMoment } from '@app/time';

export type EventOf<T extends AppointmentEvent['type']> = Extract<AppointmentEvent, { type: T }>;

export function atLeastStage(current: Stage, stage: Stage): Stage {
  return stageIndex(current) >= stageIndex(stage) ? current : stage;
}

export function touch<S extends CaseData>(state: S, at: string | undefined): S {
  return at && isLaterMoment(at, state.updatedAt) ? { ...state, updatedAt: at } : state;
}

export function updateCandidate<S extends CaseData>(
  state: S,
  candidateId: string,
  update: (c: CandidateState) => CandidateState,
): S {
  return {
    ...state,
    candidates: state.candidates.map((c) => (c.candidateId === candidateId ? update(c) : c)),
  };
}
