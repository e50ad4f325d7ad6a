/**
 * The Chinese label of every field a request may carry (API.md's command table, the query
 * strings, the headers and path parameters), so an error names the field as a clerk knows it.
 * A label particular to one request body is keyed `<DtoClass>.<field>`, one particular to where
 * the field sits `<parent>.<field>` (`results.votes`), one particular to a domain error
 * `<code>.<field>`, a top-level path parameter `/<name>`.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  // opening and approving the initiation
  post: '拟任职务',
  title: '职务名称',
  orgUnit: '单位',
  level: '职务层级',
  seats: '职数',
  grounds: '依据',
  comment: '意见',
  'PostDto.orgUnit': '职务所在单位',
  'OpenCaseDto.grounds': '动议依据',
  // recommendation and nomination
  kind: '方式',
  heldAt: '发生时间',
  eligible: '应参加人数',
  participants: '实参加人数',
  results: '推荐结果',
  candidateId: '人选编号',
  personId: '人员编号',
  name: '姓名',
  votes: '表决',
  'RoundResultDto.votes': '得票数',
  'results.votes': '得票数',
  'results.candidateId': '对应人选',
  'votes.candidateId': '表决人选',
  'recusals.personId': '回避人员',
  'recusals.candidateId': '回避的考察对象',
  'recusals.reason': '回避理由',
  'recusals.memberId': '成员编号',
  'exceptional.kind': '破格类别',
  'exceptional.grounds': '破格理由',
  'recommendedBy.role': '推荐人身份',
  'post.orgUnit': '职务所在单位',
  'person.orgUnit': '人选所在单位',
  'waived.ground': '依据',
  'reminderTalk.heldAt': '谈话时间',
  'RecordRecommendationRoundDto.kind': '推荐方式',
  'RecordRecommendationRoundDto.heldAt': '推荐时间',
  person: '人选',
  id: '编号',
  birthDate: '出生日期',
  currentPost: '现任职务',
  'PersonDto.orgUnit': '人选所在单位',
  recommendedBy: '推荐人',
  'RecommenderDto.role': '推荐人身份',
  role: '身份',
  sub: '人员编号',
  reason: '理由',
  exceptional: '破格提拔',
  'ExceptionalDto.kind': '破格类别',
  'ExceptionalDto.grounds': '破格理由',
  flags: '资格审查情形',
  politicalDiscipline: '违反政治纪律政治规矩',
  lowAcceptance: '群众公认度不高',
  appraisalBasicOrLower: '近年年度考核基本称职以下',
  canvassing: '跑官要官、拉票贿选',
  familyEmigrated: '配偶子女均已移居国（境）外',
  disciplinaryImpactPeriod: '处于受处分影响期内',
  approvedBy: '批准机关',
  documentNo: '批复文号',
  approvedAt: '批准时间',
  // inspection
  candidateIds: '考察对象',
  decidedAt: '确定时间',
  basis: '确定依据',
  leader: '考察组组长',
  members: '考察组成员',
  'HoldDecisionMeetingDto.members': '会议组成人员',
  recusals: '回避情形',
  publishedAt: '发布时间',
  channel: '发布渠道',
  summary: '摘要',
  count: '参加人数',
  grades: '测评等次',
  excellent: '优秀票数',
  competent: '称职票数',
  basic: '基本称职票数',
  incompetent: '不称职票数',
  'RecordInspectionActivityDto.kind': '考察方式',
  'RecordInspectionActivityDto.heldAt': '考察时间',
  conclusion: '考察结论',
  strengths: '主要优点',
  weaknesses: '主要不足',
  text: '意见文本',
  verdict: '结论',
  digest: '文本摘要',
  outcome: '结果',
  'RecordCheckDto.outcome': '核查结果',
  'APPOINTMENT.CHECK_OUTCOME_INVALID.outcome': '核查结果',
  'ResolveObjectionDto.outcome': '办理结果',
  findings: '核查情况',
  checkedAt: '核查时间',
  // the decision meeting
  'HoldDecisionMeetingDto.heldAt': '会议召开时间',
  entitled: '应到会人数',
  attendees: '实到会成员',
  recused: '回避成员',
  principalLeaderId: '主要负责人',
  'CandidateVotesDto.candidateId': '表决人选',
  deferred: '缓议',
  ballots: '表决票',
  memberId: '表决成员',
  vote: '表决意见',
  // notice, objections, appointment, probation
  startDate: '公示开始日期',
  waived: '不公示',
  ground: '不公示依据',
  receivedAt: '收到反映时间',
  objectionId: '反映问题编号',
  reminderTalk: '提醒谈话',
  heldBy: '谈话人',
  'RecordAppointmentTalkDto.heldAt': '谈话时间',
  'ReminderTalkDto.heldAt': '提醒谈话时间',
  source: '问题来源',
  foundAt: '发现时间',
  substantiated: '是否查实',
  predatesAppointment: '是否发生在任职前',
  noticeDate: '任职日期',
  probation: '是否实行试用期',
  result: '考核结果',
  extendDays: '延长天数',
  recipientRoles: '提醒对象',
  // reading: query strings, path parameters and headers
  stage: '阶段',
  overdue: '是否逾期',
  unread: '是否只看未读',
  q: '关键词',
  cursor: '翻页标记',
  limit: '每页条数',
  asOf: '查询时点',
  revision: '版本号',
  year: '年度',
  severity: '严重程度',
  code: '问题代码',
  open: '是否未结',
  totals: '是否统计总数',
  caseId: '案件编号',
  // the request's address itself (a %00 or broken %-escape anywhere in it)
  path: '请求地址',
  // path parameters: /cases/:id/candidates/:cid/objections/:oid, /opinions/:kind
  '/id': '案件编号',
  '/kind': '意见类别',
  cid: '人选编号',
  oid: '反映问题编号',
  check: '核查项目',
  holidays: '节假日',
  workdays: '调休上班日',
  // a year's holiday arrangement (国务院办公厅通知), PUT /admin/calendar/:year
  'CalendarArrangement.year': '年度',
  'CalendarArrangement.documentNo': '文号',
  'CalendarArrangement.publishedAt': '发布日期',
  'CalendarArrangement.holidays': '放假日期',
  'CalendarArrangement.workdays': '调休上班日期',
  // GET /recommenders/:id
  'Recommender.id': '推荐人编号',
  publishedBy: '发布机关',
  meetingId: '会议编号',
  activityId: '考察活动编号',
  roundId: '推荐编号',
  'Idempotency-Key': '幂等键（Idempotency-Key）',
  'If-Match': '版本条件（If-Match）',
  'X-Correlation-Id': '关联编号（X-Correlation-Id）',
};

const SEGMENT = /([^.[\]]+)|\[(\d+)\]/g;

/** Own labels only: a client's field called `constructor` is not Object's. */
const labelOf = (key: string): string | undefined =>
  Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key] : undefined;

/**
 * `votes[0].ballots[1].memberId` → `表决第1项·表决票第2项·表决成员`; a field without a label keeps
 * its own name. `scope` is the request body's class (`HoldDecisionMeetingDto`) of the last segment,
 * `root` the class of the whole body, whose own labels name the first segment.
 */
export function fieldLabel(path: string, scope?: string, root?: string): string {
  const parts: string[] = [];
  const segments = [...path.matchAll(SEGMENT)];
  let parentName: string | undefined;
  segments.forEach((match, i) => {
    if (match[2] !== undefined) {
      const position = `第${Number(match[2]) + 1}项`;
      if (parts.length === 0) parts.push(position);
      else parts[parts.length - 1] += position;
      return;
    }
    const name = match[1];
    const last = i === segments.length - 1;
    const scoped = last && scope !== undefined ? labelOf(`${scope}.${name}`) : undefined;
    const rooted = i === 0 && root !== undefined ? labelOf(`${root}.${name}`) : undefined;
    const topLevel = segments.length === 1 ? labelOf(`/${name}`) : undefined;
    const parent = parentName === undefined ? undefined : labelOf(`${parentName}.${name}`);
    parts.push(scoped ?? rooted ?? topLevel ?? parent ?? labelOf(name) ?? name);
    parentName = name;
  });
  return parts.join('·');
}

/** The request body class of a command (`HoldDecisionMeeting` → `HoldDecisionMeetingDto`), as the api names them. */
export function requestBodyOf(command: unknown): string | undefined {
  return typeof command === 'string' && /^[A-Z]\w*$/.test(command) ? `${command}Dto` : undefined;
}
