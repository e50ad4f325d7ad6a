import type { AppointmentEvent } from '@app/appointment';
import type { AppointmentState } from '@app/appointment/appointment.state';
import {
  ballots,
  C1,
  CASE_ID,
  CaseScript,
  cmd,
  MEMBERS,
  REMINDER_TALK,
  unitSecretaryFor,
} from '@app/appointment/testing/case-fixture';
import type { RecordedEvent } from '@app/event-store';
import { timelineEntries } from './case-timeline.projection';

const seven = MEMBERS.slice(0, 7);
const members = seven.map((id, i) => ({
  id,
  name: ['李书记', '王副书记', '张部长', '赵委员', '钱委员', '孙委员', '周委员'][i],
}));

function lastEntry(script: CaseScript, before: AppointmentState) {
  const event = script.events.at(-1) as AppointmentEvent;
  const recorded = {
    eventId: 'e',
    streamId: `appointment-${CASE_ID}`,
    type: event.type,
    data: event.data,
    metadata: { occurredAt: '2025-04-08T18:00:00+08:00', recordedAt: '2025-04-08T18:00:00+08:00' },
    revision: String(script.events.length - 1),
    globalPosition: '1',
  } as unknown as RecordedEvent;
  return timelineEntries(recorded, before)[0];
}

describe('the 纪实 entries of the rules completed this round', () => {
  it('R17 shows the meeting members by name, the principal leader marked', () => {
    const script = new CaseScript().readyForDecision();
    const before = script.state;
    script.run(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], { members }));
    const entry = lastEntry(script, before);
    expect(entry.participants[0]).toEqual({ id: 'm1', name: '李书记', part: '到会（主要负责同志）' });
    expect(entry.participants.map((p) => p.name)).toEqual(members.map((m) => m.name));
  });

  it('R19 shows whether the meeting resolved to defer', () => {
    const script = new CaseScript().readyForDecision();
    const before = script.state;
    script.run(cmd.meeting([{ candidateId: C1, deferred: true, ballots: ballots(seven, {}, 'defer') }]));
    expect(lastEntry(script, before).result).toMatchObject({
      votes: [{ candidateId: C1, deferred: true, outcome: 'deferred' }],
    });
  });

  it('R22 shows who held the reminder talk and when', () => {
    const script = new CaseScript().inNotice().run(cmd.objection(C1));
    const before = script.state;
    script.run(cmd.resolve(C1, 'minor'));
    const entry = lastEntry(script, before);
    expect(entry.participants).toEqual([{ name: REMINDER_TALK.heldBy, part: '提醒谈话人' }]);
    expect(entry.result).toMatchObject({ outcome: 'minor', reminderTalk: REMINDER_TALK });
  });

  it('R16 names the signer by the part they signed in, in Chinese', () => {
    const script = new CaseScript().inspecting().run(cmd.draft(C1, 'political', 'qualified'));
    const before = script.state;
    script.run(cmd.sign(C1, 'political', unitSecretaryFor(C1)));
    expect(lastEntry(script, before).participants).toEqual([
      expect.objectContaining({ name: unitSecretaryFor(C1).name, part: '单位党委（党组）书记' }),
    ]);
  });
});
