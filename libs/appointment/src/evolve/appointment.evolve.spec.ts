import { caseEvents } from '@app/projections/testing/case-events.fixture';
import { evolveAppointment } from '../appointment.evolve';
import { initialAppointmentState } from '../appointment.state';

const CASE = '7d4f3c2a-0000-4000-8000-0000000000e1';

describe('evolveAppointment', () => {
  // The snapshot was recorded by the fold before it was split per stage (issue 11): the split moved code, not results.
  it.each([0, 1])('folds the full-case fixture %s to the recorded state', (index) => {
    const state = caseEvents(CASE, index).reduce(evolveAppointment, initialAppointmentState());
    expect(state.status).toBe('closed');
    expect(state).toMatchSnapshot();
  });
});
