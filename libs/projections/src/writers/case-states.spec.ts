import { caseStreamId } from '@app/appointment/appointment.streams';
import { MemoryEventStore, type RecordedEvent } from '@app/event-store';
import { caseEvents, contextFor } from '../testing/case-events.fixture';
import { type FoldedCase, MemoryFold, RecentFolds, ReplayFold } from './case-states';

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

describe('ReplayFold', () => {
  it('folds a case evicted from its states again from the store, to the same steps, and keeps more', async () => {
    const store = new MemoryEventStore();
    const ids = [
      'a0000000-0000-4000-8000-000000000001',
      'b0000000-0000-4000-8000-000000000002',
      'c0000000-0000-4000-8000-000000000003',
    ];
    const histories = ids.map((id) => caseEvents(id, 0, 8));
    // Round robin: each case's next event comes after one event of each other case.
    for (let i = 0; i < 8; i++)
      for (const [n, id] of ids.entries())
        await store.append(caseStreamId(id), [histories[n][i]], {
          expectedRevision: i === 0 ? 'no-stream' : String(i - 1),
          context: contextFor({ id: 'h-1', name: '王经办', role: 'handler' }),
        });
    const replay = async (fold: {
      fold(events: readonly RecordedEvent[]): FoldedCase[] | Promise<FoldedCase[]>;
    }) => {
      const out: Array<[string, string | null, unknown]> = [];
      let from: string | null = null;
      for (;;) {
        const page = await store.readAll({ fromPosition: from, limit: 2 });
        if (page.events.length === 0) return out;
        for (const c of await fold.fold(page.events))
          out.push([c.caseId, c.revision, c.steps.map((s) => [s.before, s.after])]);
        from = page.lastPosition;
      }
    };
    const roomy = await replay(new MemoryFold());
    // One state kept for three cases side by side: the first pages find their cases evicted, and
    // the fold keeps more states from then on (up to 2 here).
    const fold = new ReplayFold(store, 1, 2);
    expect(await replay(fold)).toEqual(roomy);
    expect(fold.kept).toBe(2);
    // 24 events, two a page, each page two cases.
    expect(roomy).toHaveLength(24);
  });
});
