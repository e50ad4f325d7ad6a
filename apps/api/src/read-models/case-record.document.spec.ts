import { createAppointmentDecider } from '@app/appointment';
import { ChinaWorkingCalendar } from '@app/calendar';
import { caseStreamId } from '@app/appointment';
import { MemoryEventStore } from '@app/event-store';
import { loadConfig } from '@app/platform';
import { appendCompleteCase, MEETING_MEMBERS } from '../../../../test/support/complete-case';
import { people } from '../../../../test/support/people';
import { renderCaseRecordHtml } from './case-record.html';
import { CaseRecordService } from './case-record.service';
import { currentPostInWords } from './case-record.words';

const NOW = new Date('2026-12-02T04:30:00Z');
const config = loadConfig({});

async function given(options: { until?: number } = {}) {
  const store = new MemoryEventStore();
  const decider = createAppointmentDecider({ calendar: new ChinaWorkingCalendar() });
  const built = await appendCompleteCase(store, decider, options);
  const service = new CaseRecordService(store, { now: () => NOW }, config);
  return { store, built, service };
}

/** Appends events as a later version of the service writes them (or would have, for old shapes). */
async function append(
  store: MemoryEventStore,
  caseId: string,
  events: Array<{ type: string; data: unknown }>,
) {
  const stored = await store.read(caseStreamId(caseId));
  await store.append(caseStreamId(caseId), events, {
    expectedRevision: stored[stored.length - 1].revision,
    context: {
      actor: people.handler,
      commandId: 'c',
      correlationId: 'c',
      causationId: 'c',
      occurredAt: '2026-12-01T10:00:00+08:00',
    },
  });
}

/** A decision meeting of the named members (all attending unless said), as the service records it. */
function meeting(caseId: string, data: Record<string, unknown>) {
  return {
    type: 'DecisionMeetingHeld',
    data: {
      caseId,
      meetingId: 'meeting-2',
      heldAt: '2024-04-10T09:00:00+08:00',
      decisionDate: '2024-04-10',
      members: MEETING_MEMBERS,
      attendees: MEETING_MEMBERS.map((m) => m.id),
      recused: [],
      principalLeaderId: 'm1',
      recordedBy: people.handler,
      ...data,
    },
  };
}

describe('the printed 纪实表 (one template for HTML and PDF)', () => {
  it('writes the decision meeting as a vote table: members by name, the principal leader last, counts, majority and the deferral resolution', async () => {
    const { store, built, service } = await given();
    await append(store, built.caseId, [
      meeting(built.caseId, {
        entitled: 9,
        quorum: 6,
        majority: 5,
        results: [
          {
            candidateId: built.zhang,
            ballots: ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'].map((memberId) => ({
              memberId,
              vote: memberId === 'm1' ? 'agree' : 'defer',
            })),
            agree: 1,
            disagree: 0,
            defer: 6,
            outcome: 'deferred',
            deferred: true,
          },
        ],
      }),
    ]);
    const { document } = await service.document(people.auditor, built.caseId);
    const html = renderCaseRecordHtml(document);
    const meetings = document.sections.flatMap((s) => s.rows).filter((r) => r.votes);
    const table = meetings[meetings.length - 1].votes!;
    expect(table.members.map((m) => m.name)).toEqual([
      '李卫东',
      '王海燕',
      '赵志刚',
      '孙丽华',
      '周文博',
      '吴国强',
      '陈建国',
    ]);
    expect(table.members[6]).toMatchObject({ principal: true, votes: ['同意'] });
    expect(table.columns).toEqual([
      { candidate: '张三', agree: 1, disagree: 0, defer: 6, outcome: '会议决定缓议' },
    ]);
    expect(html).toContain('陈建国（主要负责同志，最后表态）');
    expect(html).toContain('通过所需同意票（应到会9人的半数以上）');
    expect(html).toContain('<td>5票</td>');
    expect(html).not.toMatch(/memberId|ballots|entitled|candidateId/);
    // The meeting's row and its vote table are one section that a page break does not split.
    expect(html).toMatch(
      /<tbody class="together"><tr>[\s\S]*?<table class="votes">[\s\S]*?<\/table><\/td><\/tr><\/tbody>/,
    );
  });

  it('names the members who were absent, and the candidate’s post with its unit once', async () => {
    const { store, built, service } = await given();
    const [absent, ...present] = MEETING_MEMBERS.filter((m) => m.id !== 'm1');
    await append(store, built.caseId, [
      meeting(built.caseId, {
        entitled: 7,
        attendees: ['m1', ...present.map((m) => m.id)],
        quorum: 5,
        majority: 4,
        results: [],
      }),
    ]);
    const { document } = await service.document(people.auditor, built.caseId);
    const meetings = document.sections.flatMap((s) => s.rows).filter((r) => r.votes);
    expect(meetings[meetings.length - 1].lines[0]).toContain(`缺席：${absent.name}`);
    expect(currentPostInWords('市发展和改革委员会', '市发展和改革委员会办公室主任')).toBe(
      '现任市发展和改革委员会办公室主任',
    );
    expect(currentPostInWords('市发展和改革委员会', '办公室主任')).toBe('现任市发展和改革委员会办公室主任');
  });

  it('falls back to member ids for a meeting recorded before members were named', async () => {
    const { service, built } = await given();
    const { document } = await service.document(people.auditor, built.caseId);
    const table = document.sections.flatMap((s) => s.rows).find((r) => r.votes)!.votes!;
    const names = table.members.map((m) => m.name);
    expect(names[names.length - 1]).toMatch(/^(m1|陈建国)$/);
    expect(table.columns[0]).toMatchObject({ candidate: '李四', agree: 6, defer: 1, outcome: '通过' });
  });

  it('writes reminders, the reminder talk and a post-appointment finding in Chinese, without ids or English kinds', async () => {
    const { store, built, service } = await given();
    await append(store, built.caseId, [
      {
        type: 'ReminderIssued',
        data: {
          caseId: built.caseId,
          reminderId: 'reminder-7f3a',
          kind: 'signature-outstanding',
          subject: `${built.li}-integrity`,
          recipientRoles: ['discipline-secretary', 'supervisor'],
          reason: '李四的廉政意见起草已满3个工作日，尚缺纪委书记签字',
          dueAt: '2024-04-02T01:00:00.000Z',
          issuedAt: '2024-04-02T01:00:05.000Z',
        },
      },
      {
        type: 'ObjectionResolved',
        data: {
          caseId: built.caseId,
          candidateId: built.li,
          objectionId: 'objection-2',
          outcome: 'minor',
          findings: '反映问题轻微',
          reminderTalk: { heldAt: '2024-04-15T02:00:00.000Z', heldBy: '郑部长' },
          resolvedBy: people.handler,
          resolvedAt: '2024-04-15T03:00:00.000Z',
        },
      },
      {
        type: 'PostAppointmentFindingRecorded',
        data: {
          caseId: built.caseId,
          candidateId: built.li,
          source: 'inspection-tour',
          foundAt: '2026-06-01T02:00:00.000Z',
          summary: '巡察发现任职前违规兼职取酬',
          substantiated: true,
          predatesAppointment: true,
        },
      },
    ]);
    const { document } = await service.document(people.auditor, built.caseId);
    const html = renderCaseRecordHtml(document);
    const rows = document.sections.flatMap((s) => s.rows);
    const reminder = rows.find((r) => r.title.startsWith('提醒'))!;
    expect(reminder).toMatchObject({
      title: '提醒：待签字（李四·廉政意见）',
      occurredAt: '2024-04-02 09:00',
      lines: [
        '提醒对象：纪委书记（纪检组组长）、分管领导',
        '事由：李四的廉政意见起草已满3个工作日，尚缺纪委书记签字',
        '期限：2024-04-02 09:00',
      ],
    });
    expect(rows.find((r) => r.title === '反映问题核实：李四' && r.lines.length === 3)?.lines[2]).toBe(
      '提醒谈话：郑部长于2024-04-15 10:00进行',
    );
    const findings = document.sections.find((s) => s.heading.endsWith('任职后发现问题'))!;
    expect(findings.rows[0]).toMatchObject({
      title: '任职后发现问题：李四（带病提拔）',
      occurredAt: '2026-06-01 10:00',
      lines: ['来源：巡视巡察', '情况：巡察发现任职前违规兼职取酬', '是否查实：查实；问题发生在任职前：是'],
    });
    expect(document.sheets[1].rows.find((r) => r.label === '任职后发现问题')?.lines).toEqual([
      '2026-06-01 10:00：巡察发现任职前违规兼职取酬（带病提拔）',
    ]);
    for (const leak of ['reminder-7f3a', 'signature-outstanding', 'inspection-tour', built.li, 'Z<', 'T0'])
      expect(html).not.toContain(leak);
  });

  it('prints 发生时间 and 录入时间 apart, both in +08:00, grades in words, the post once, one 一人一表 per candidate', async () => {
    const { service, built, store } = await given();
    const events = await store.read(caseStreamId(built.caseId));
    const { document } = await service.document(people.auditor, built.caseId);
    const html = renderCaseRecordHtml(document);
    const assessment = document.sections.flatMap((s) => s.rows).find((r) => r.title === '民主测评：李四')!;
    expect(assessment.occurredAt).toBe('2024-03-26 14:00');
    const recorded = events[Number(assessment.revision)].metadata.recordedAt;
    expect(assessment.recordedAt).toBe(
      new Date(Date.parse(recorded) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '),
    );
    expect(assessment.lines[0]).toBe('民主测评：参加40人，优秀30票，称职8票，基本称职2票，不称职0票');
    expect(document.post).toBe('市发展和改革委员会副主任（副局级）');
    expect(html.match(/市发展和改革委员会市发展和改革委员会/g)).toBeNull();
    expect(document.sheets.map((s) => s.name)).toEqual(['张三', '李四']);
    expect((html.match(/<section class="sheet">/g) ?? []).length).toBe(2);
    const check = document.sections.flatMap((s) => s.rows).find((r) => r.title.startsWith('干部档案'))!;
    expect(check.lines).toEqual(['结果：审核无误', '核查情况：三龄两历一身份无误', '核查人：王经办']);
    const signed = document.sections.flatMap((s) => s.rows).filter((r) => r.signatures.length === 2);
    expect(signed.length).toBeGreaterThanOrEqual(3);
    expect(signed[0].digest).toMatch(/^[0-9a-f]{64}$/);
    expect(html).toContain('链头哈希');
    expect(html).toContain(events[events.length - 1].metadata.hash);
    expect(html).toContain('冯巡视（选人用人检查人员）');
    expect(document.openItems).toBeNull();
    for (const signer of ['经办人：', '审核人：', '负责人：']) expect(html).toContain(signer);
  });

  it('lists what is still open for an open case: missing checks, signatures and their deadlines', async () => {
    // stop after 李四's political opinion is signed by the team leader only
    const { service, built } = await given({ until: 21 });
    const { document } = await service.document(people.auditor, built.caseId);
    const items = document.openItems!;
    expect(items.map((i) => `${i.concerns}：${i.item}`)).toEqual(
      expect.arrayContaining([
        '李四：凡提四必未完成：干部档案凡提必审',
        '李四：廉政意见尚未起草',
        expect.stringMatching(/^李四：.*尚缺单位党委（党组）书记签字/),
      ]),
    );
    const check = items.find((i) => i.item === '凡提四必未完成：干部档案凡提必审')!;
    expect(check).toMatchObject({ overdue: true, to: '经办人' });
    expect(check.due).toMatch(/^2024-04-\d\d 09:00$/);
    expect(renderCaseRecordHtml(document)).toContain('<h2>未办结事项</h2>');
  });

  it('lists an objection still open during the notice, with the notice end it waits for', async () => {
    // stop once the objection to 李四 is recorded
    const { service, built } = await given({ until: 31 });
    const { document } = await service.document(people.auditor, built.caseId);
    const items = document.openItems!;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ item: '反映问题尚未办结：反映该同志工作作风问题', concerns: '李四' }),
        expect.objectContaining({ concerns: '李四', due: '2024-04-17 09:00', to: '经办人' }),
      ]),
    );
    expect(items.find((i) => i.due === '2024-04-17 09:00')?.item).toContain('任前公示于2024-04-17期满');
  });
});
