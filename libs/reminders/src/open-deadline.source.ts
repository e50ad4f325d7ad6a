import type { Deadline } from './deadline-policy';

/** Where the reconciler reads every open deadline: the deadlines projection (the truth about what is due). */
export interface OpenDeadlineSource {
  pages(pageSize: number): AsyncIterable<Deadline[]>;
}

export const OPEN_DEADLINE_SOURCE = Symbol('OPEN_DEADLINE_SOURCE');
