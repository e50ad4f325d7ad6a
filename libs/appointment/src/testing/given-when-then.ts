/**
 * given(events).when(command).then(events) / .thenThrows(code): decider tests that read like
 * the rules they check. Jest's expect is used, so this file is for the unit tier only.
 */
import type { AppointmentCommand } from '../appointment.commands';
import type { AppointmentDecider } from '../appointment.decider';
import type { AppointmentEvent } from '../appointment.events';
import { DomainError } from '../appointment.errors';
import type { DomainErrorCategory } from '../appointment.errors';
import type { AppointmentState } from '../appointment.state';

export interface WhenResult {
  /** The decided events equal these exactly. */
  then(expected: AppointmentEvent[]): AppointmentEvent[];
  /** The decided events match these (toMatchObject: listed fields only, same count). */
  thenMatch(
    expected: Array<{ type: AppointmentEvent['type']; data?: Record<string, unknown> }>,
  ): AppointmentEvent[];
  /** decide refuses with a DomainError of this code (and category, when given). */
  thenThrows(code: string, category?: DomainErrorCategory): DomainError;
  /** The events decided, for custom assertions. */
  events(): AppointmentEvent[];
  /** The state after folding the decided events. */
  state(): AppointmentState;
}

export interface GivenResult {
  when(command: AppointmentCommand): WhenResult;
  /** The state the given events fold to. */
  state: AppointmentState;
}

export function givenWhenThen(
  decider: AppointmentDecider,
): (events?: readonly AppointmentEvent[]) => GivenResult {
  return (events = []) => {
    const state = events.reduce<AppointmentState>(decider.evolve, decider.initialState());
    return {
      state,
      when(command) {
        const run = () => decider.decide(command, state);
        return {
          then(expected) {
            const actual = run();
            expect(actual).toEqual(expected);
            return actual;
          },
          thenMatch(expected) {
            const actual = run();
            expect(actual).toHaveLength(expected.length);
            expect(actual).toMatchObject(expected);
            return actual;
          },
          thenThrows(code, category) {
            let caught: unknown;
            let produced: AppointmentEvent[] | undefined;
            try {
              produced = run();
            } catch (error) {
              caught = error;
            }
            expect(produced).toBeUndefined();
            expect(caught).toBeInstanceOf(DomainError);
            const error = caught as DomainError;
            expect({ code: error.code, category: error.category }).toEqual({
              code,
              category: category ?? error.category,
            });
            return error;
          },
          events: run,
          state() {
            return run().reduce<AppointmentState>(decider.evolve, state);
          },
        };
      },
    };
  };
}
