import { Checkbox, Form, Input, InputNumber, Select, Table } from 'antd';
import type { FormInstance } from 'antd';
import type { CaseView } from '../../api/types';
import { DateInput, dateRules } from '../../components/date-input';
import { isoWithOffset, parseTypedDate } from '../../time';

interface Member {
  id: string;
  name: string;
}

/** "编号 姓名" per line. */
export function parseMembers(text: string | undefined): Member[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts[0] !== undefined && parts[0] !== '')
    .map(([id, ...name]) => ({ id, name: name.join(' ') || id }));
}

export function votingCandidates(view: CaseView) {
  return view.candidates.filter((c) => (c.status === 'target' || c.status === 'deferred') && !c.vetoed);
}

const VOTES = [
  { value: 'agree', label: '同意' },
  { value: 'disagree', label: '不同意' },
  { value: 'defer', label: '缓议' },
];

interface MeetingValues {
  heldAt: string;
  entitled: number;
  membersText: string;
  principalLeaderId: string;
  absent?: Record<string, boolean>;
  recused?: Record<string, boolean>;
  ballots?: Record<string, Record<string, string>>;
  deferred?: Record<string, boolean>;
  candidateIds: string[];
}

/** R17: every attending, non-recused member's vote per candidate, the principal leader's last. */
export function meetingBody(raw: Record<string, unknown>) {
  const values = raw as unknown as MeetingValues;
  const members = parseMembers(values.membersText);
  const attending = members.filter((m) => !values.absent?.[m.id]);
  const voting = attending.filter((m) => !values.recused?.[m.id]);
  const ordered = [
    ...voting.filter((m) => m.id !== values.principalLeaderId),
    ...voting.filter((m) => m.id === values.principalLeaderId),
  ];
  const heldAt = parseTypedDate(values.heldAt ?? '', true);
  return {
    heldAt: heldAt.ok ? isoWithOffset(heldAt.value) : values.heldAt,
    entitled: values.entitled,
    members,
    attendees: attending.map((m) => m.id),
    recused: attending.filter((m) => values.recused?.[m.id]).map((m) => m.id),
    principalLeaderId: values.principalLeaderId,
    votes: values.candidateIds.map((candidateId) => ({
      candidateId,
      ...(values.deferred?.[candidateId] ? { deferred: true } : {}),
      ballots: ordered.map((m) => ({
        memberId: m.id,
        vote: values.ballots?.[candidateId]?.[m.id] ?? 'agree',
      })),
    })),
  };
}

export function MeetingFields({ form, view }: { form: FormInstance; view: CaseView }) {
  const membersText = Form.useWatch('membersText', form) as string | undefined;
  const candidateIds = (Form.useWatch('candidateIds', form) as string[] | undefined) ?? [];
  const members = parseMembers(membersText);
  const candidates = votingCandidates(view);
  const chosen = candidates.filter((c) => candidateIds.includes(c.candidateId));
  return (
    <>
      <Form.Item
        name="heldAt"
        label="会议时间"
        required
        rules={dateRules('会议时间', { required: true, withTime: true })}
      >
        <DateInput withTime style={{ width: 240 }} />
      </Form.Item>
      <Form.Item
        name="candidateIds"
        label="本次讨论的人选"
        initialValue={candidates.map((c) => c.candidateId)}
        rules={[{ required: true, message: '请选择人选' }]}
      >
        <Select
          mode="multiple"
          options={candidates.map((c) => ({ value: c.candidateId, label: c.person.name }))}
        />
      </Form.Item>
      <Form.Item
        name="entitled"
        label="应到会成员数"
        rules={[{ required: true, message: '请填写应到会成员数' }]}
        extra="到会须达应到会成员的三分之二；同意票须超过应到会成员的半数（R18、R19）"
      >
        <InputNumber min={1} />
      </Form.Item>
      <Form.Item
        name="membersText"
        label="会议成员（每行一人：编号 姓名）"
        rules={[{ required: true, message: '请填写会议成员' }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder={'m1 张三\nm2 李四'} />
      </Form.Item>
      <Form.Item
        name="principalLeaderId"
        label="主要负责同志"
        rules={[{ required: true, message: '请选择主要负责同志' }]}
        extra="主要负责同志最后表态（R17）"
      >
        <Select options={members.map((m) => ({ value: m.id, label: m.name }))} style={{ width: 240 }} />
      </Form.Item>
      {members.length > 0 && chosen.length > 0 && (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={members}
          columns={[
            { title: '成员', dataIndex: 'name' },
            {
              title: '缺席',
              render: (_: unknown, m: Member) => (
                <Form.Item name={['absent', m.id]} valuePropName="checked" noStyle>
                  <Checkbox aria-label={`${m.name}缺席`} />
                </Form.Item>
              ),
            },
            {
              title: '回避',
              render: (_: unknown, m: Member) => (
                <Form.Item name={['recused', m.id]} valuePropName="checked" noStyle>
                  <Checkbox aria-label={`${m.name}回避`} />
                </Form.Item>
              ),
            },
            ...chosen.map((c) => ({
              title: `对${c.person.name}的表决`,
              render: (_: unknown, m: Member) => (
                <Form.Item name={['ballots', c.candidateId, m.id]} initialValue="agree" noStyle>
                  <Select
                    options={VOTES}
                    style={{ width: 100 }}
                    aria-label={`${m.name}对${c.person.name}的表决`}
                  />
                </Form.Item>
              ),
            })),
          ]}
        />
      )}
      {chosen.map((c) => (
        <Form.Item
          key={c.candidateId}
          name={['deferred', c.candidateId]}
          valuePropName="checked"
          style={{ marginTop: 8, marginBottom: 0 }}
        >
          <Checkbox>会议决定对{c.person.name}缓议</Checkbox>
        </Form.Item>
      ))}
    </>
  );
}
