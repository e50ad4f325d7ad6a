import { caseStreamId } from '@app/appointment/appointment.streams';
import type { RecordedEvent } from '@app/event-store';
import { caseEvents } from '../testing/case-events.fixture';
import { MemoryFold, RecentFolds } from './case-states';

function recorded(caseId: string, length: number): RecordedEvent[] {
  return caseEvents(caseId, 0, length).map((event, i) => ({
    ...event,
    eventId: `${caseId}-${i}`,
    streamId: caseStreamId(caseId),
    revision: String(i),
    globalPosition: String(i),
    metadata: { recordedAt: '2025-03-03T02:00:00.000Z' } as RecordedEvent['metadata'],
  }));
}

describe('RecentFolds', () => {
  const a = recorded('a0000000-0000-4000-8000-000000000001', 6);
  const b = recorded('b0000000-0000-4000-8000-000000000002', 6);

  it('starts a batch from a kept state only when it is just before the batch’s first event of the case', () => {
    const folds = new RecentFolds();
    folds.keep(new MemoryFold().fold([...a.slice(0, 3), ...b.slice(0, 2)]));
    const starts = folds.startsOf([a[3], a[4], b[3]]);
    expect([...starts.keys()]).toEqual(['a0000000-0000-4000-8000-000000000001']);
    expect(starts.get('a0000000-0000-4000-8000-000000000001')?.revision).toBe('2');
    // The same events again (a replay) find nothing to start from.
    expect(folds.startsOf(a.slice(0, 3)).size).toBe(0);
  });

  it('keeps the most recently written cases up to its capacity', () => {
    const folds = new RecentFolds(1);
    const fold = new MemoryFold();
    folds.keep(fold.fold(a.slice(0, 2)));
    folds.keep(fold.fold(b.slice(0, 2)));
    expect(folds.startsOf([a[2]]).size).toBe(0);
    expect(folds.startsOf([b[2]]).size).toBe(1);
  });
});
