import { AppointmentErrorCodes as E, DomainError } from './appointment.errors';
import type { HoldRecommenderAccountable, RecommenderState } from './recommender.decider';
import { recommenderDecider, suspendedUntilOn } from './recommender.decider';

const hold = (overrides: Partial<HoldRecommenderAccountable['data']> = {}): HoldRecommenderAccountable => ({
  type: 'HoldRecommenderAccountable',
  data: {
    recommender: { id: 'r1', name: '党组', role: 'party-group' },
    caseId: 'case-1',
    candidateId: 'cand-1',
    candidateName: '刘一',
    cause: 'probation-incompetent',
    causeRevision: '40',
    at: '2025-06-30T10:00:00+08:00',
    suspensionMonths: 24,
    ...overrides,
  },
});

function fold(...commands: HoldRecommenderAccountable[]): RecommenderState {
  return commands.reduce<RecommenderState>((state, command) => {
    const events = recommenderDecider.decide(command, state);
    return events.reduce(recommenderDecider.evolve, state);
  }, recommenderDecider.initialState());
}

describe('R27 谁推荐谁负责: the recommender stream', () => {
  it('suspends the recommending qualification for the configured months from the causing event', () => {
    const [event] = recommenderDecider.decide(hold(), recommenderDecider.initialState());
    expect(event.data).toMatchObject({
      recommenderId: 'r1',
      suspendedUntil: '2027-06-30',
      cause: 'probation-incompetent',
    });
  });

  it('holds a recommender accountable once per candidate and cause, however often it is replayed', () => {
    const state = fold(hold(), hold(), hold({ causeRevision: '41' }));
    expect(state.records).toHaveLength(1);
    expect(recommenderDecider.decide(hold(), state)).toEqual([]);
  });

  it('keeps the latest end when two candidates fail', () => {
    const state = fold(hold(), hold({ candidateId: 'cand-2', cause: 'sick-promotion', at: '2026-01-05' }));
    expect(state.records).toHaveLength(2);
    expect(state.suspendedUntil).toBe('2028-01-05');
  });

  it('is suspended before the end date and free again on it', () => {
    const state = fold(hold());
    expect(suspendedUntilOn(state, '2027-06-29T23:00:00+08:00')).toBe('2027-06-30');
    expect(suspendedUntilOn(state, '2027-06-30T00:10:00+08:00')).toBeNull();
  });

  it('refuses a malformed period', () => {
    expect(() =>
      recommenderDecider.decide(hold({ suspensionMonths: 0 }), recommenderDecider.initialState()),
    ).toThrow(expect.objectContaining({ code: E.INVALID_INPUT }) as DomainError);
  });

  it('refuses a malformed period or time with a catalogue reason, not a sentence', () => {
    const reasonOf = (command: ReturnType<typeof hold>) => {
      try {
        recommenderDecider.decide(command, recommenderDecider.initialState());
      } catch (error) {
        return (error as DomainError).details;
      }
      return undefined;
    };
    expect(reasonOf(hold({ suspensionMonths: 0 }))).toEqual({
      field: 'suspensionMonths',
      reason: 'integer-min',
      min: 1,
    });
    expect(reasonOf(hold({ at: 'soon' }))).toEqual({ field: 'at', reason: 'moment-format' });
  });
});
