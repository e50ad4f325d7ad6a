/**
 * The error catalogue: every error `code` the service answers with, its HTTP status, the rule it
 * enforces, and its words in Chinese (the default) and English. Templates name their parameters
 * as `{name}` or `{name:kind}`; the kind says how a value is put into words (error-messages.ts).
 * `{candidate}` and `{person}` are the name where the service knows it, else the id.
 */

export type Lang = 'zh' | 'en';

export interface Words {
  zh: string;
  en: string;
}

export interface CatalogueEntry extends Words {
  status: number;
  /** The rule of DOMAIN.md the error enforces (R1–R28), where it has one. */
  rule?: string;
}

const e = (status: number, zh: string, en: string, rule?: string): CatalogueEntry =>
  rule === undefined ? { status, zh, en } : { status, rule, zh, en };

export const ERROR_CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  // --- the request itself
  'HTTP.INVALID_REQUEST': e(400, '请求中有填写不正确的内容：{fields}', 'invalid request: {fields}'),
  'HTTP.MALFORMED_JSON': e(400, '请求内容不是有效的 JSON', 'the request body is not valid JSON'),
  'HTTP.BAD_REQUEST': e(400, '请求格式不正确', '{message}'),
  'HTTP.UNAUTHORIZED': e(401, '未登录或登录已失效', '{message}'),
  'HTTP.FORBIDDEN': e(403, '无权进行此项操作', '{message}'),
  'HTTP.NOT_FOUND': e(404, '没有这个接口：{method} {path}', 'no such endpoint: {method} {path}'),
  'HTTP.METHOD_NOT_ALLOWED': e(405, '该接口不支持 {method} 请求', 'method {method} is not allowed here'),
  'HTTP.NOT_ACCEPTABLE': e(
    406,
    '无法按所要求的格式（Accept 请求头）提供内容',
    'cannot answer in the format the Accept header asks for',
  ),
  'HTTP.CONFLICT': e(409, '请求与当前状态冲突', '{message}'),
  'HTTP.PAYLOAD_TOO_LARGE': e(
    413,
    '请求内容超过了服务允许的大小',
    'the request body is larger than the service accepts',
  ),
  'HTTP.UNSUPPORTED_MEDIA_TYPE': e(
    415,
    '不支持该内容类型，请以 application/json 提交',
    'unsupported content type; send application/json',
  ),
  'HTTP.RATE_LIMITED': e(429, '请求过于频繁，请稍后再试', 'too many requests; slow down and retry later'),
  'HTTP.CLIENT_ERROR': e(400, '请求无法处理', '{message}'),
  'HTTP.MALFORMED_REQUEST': e(
    400,
    '请求不符合 HTTP 格式（例如请求头中有不允许的字符），服务无法读取',
    'the request is not well-formed HTTP (for example, a header holds characters it may not)',
  ),
  'HTTP.REQUEST_TIMEOUT': e(408, '请求未能在规定时间内发送完毕', 'the request was not sent in time'),
  'HTTP.HEADERS_TOO_LARGE': e(
    431,
    '请求头过大（例如登录令牌或 Cookie 过长），服务无法读取',
    'the request headers are larger than the service reads (a token or cookie too long?)',
  ),
  'HTTP.SERVICE_UNAVAILABLE': e(503, '服务暂时不可用，请稍后重试', 'the service is unavailable; retry later'),
  INTERNAL: e(
    500,
    '服务出现意外错误，已记录在日志中，请联系系统管理员',
    'an unexpected error occurred; it has been logged',
  ),
  'SERVICE.UNAVAILABLE': e(
    503,
    '后台服务暂时不可用，请稍后重试',
    'a backing service is unavailable; retry later',
  ),

  // --- who is asking
  'AUTH.MISSING_TOKEN': e(
    401,
    '未登录：请求须携带登录令牌（Authorization: Bearer …）',
    'a bearer token is required',
  ),
  'AUTH.INVALID_TOKEN': e(401, '登录令牌无效或已过期，请重新登录', '{message}'),
  'AUTH.TOKEN_LIFETIME_TOO_LONG': e(
    401,
    '登录令牌的有效期过长：最长{max}（JWT_MAX_LIFETIME），请重新签发',
    'the token lifetime exceeds the maximum of {max} (JWT_MAX_LIFETIME)',
  ),
  'AUTH.ROLE_NOT_ALLOWED': e(
    403,
    '{role:role}无权进行此项操作（可进行此项操作的是：{allowed:roles}）',
    'the role {role} may not do this; allowed: {allowed}',
  ),
  'AUTH.KEYS_UNAVAILABLE': e(
    503,
    '暂时无法向统一身份认证服务核验登录令牌，请稍后重试',
    'the identity provider’s keys cannot be fetched; retry later',
  ),

  // --- the event store: concurrent and repeated writes
  'EVENT_STORE.WRONG_EXPECTED_REVISION': e(
    409,
    '案件刚被他人修改，请刷新后重试',
    'the case was changed by someone else meanwhile; reload and retry',
  ),
  'EVENT_STORE.PRECONDITION_FAILED': e(
    412,
    '案件已更新到第 {actual} 版，与提交时依据的第 {expected} 版（If-Match）不符，请刷新后再提交',
    'the case is at revision {actual}, not {expected} as If-Match says; reload and retry',
  ),
  'EVENT_STORE.IDEMPOTENCY_KEY_REUSED': e(
    422,
    '这个 Idempotency-Key 已用于另一项内容不同的请求；每项新请求须使用新的键',
    'this Idempotency-Key was already used for a different request; use a new key for a new request',
  ),
  'EVENT_STORE.UNAVAILABLE': e(
    503,
    '案件记录库暂时不可用，请稍后重试',
    'the event store is unavailable; retry later',
  ),
  'EVENT_STORE.INVALID_ARGUMENT': e(400, '请求参数不被接受', '{message}'),

  // --- the working-day calendar
  'CALENDAR.OUT_OF_RANGE': e(
    400,
    '工作日历尚未收录{date:date}所在年度的节假日安排（已收录 {firstYear}–{lastYear} 年）',
    'no official holiday arrangement is known for {date} (known: {firstYear}–{lastYear})',
  ),
  'CALENDAR.INVALID_DATE': e(
    400,
    '“{date}”不是有效的日期，格式应为 YYYY-MM-DD',
    '{date} is not a calendar date in YYYY-MM-DD form',
  ),
  'CALENDAR.INVALID_ARRANGEMENT': e(
    400,
    '年度节假日安排有误，未载入：{fields}',
    'the holiday arrangement is invalid and was not loaded: {fields}',
    'R21',
  ),
  'CALENDAR.COVERAGE_ENDING': e(
    200,
    '工作日历只载入到{lastCoveredDay:date}，请在国务院办公厅公布{nextYear}年节假日安排后立即载入',
    'the working-day calendar ends on {lastCoveredDay}; load the {nextYear} arrangement',
    'R21',
  ),
  'RECORD.PDF_UNAVAILABLE': e(
    503,
    '暂时无法生成 PDF，请稍后重试；纪实表的 HTML 版本仍可使用',
    'the PDF cannot be produced now; retry later (the HTML record is available)',
  ),
  'CALENDAR.INVALID_COUNT': e(400, '天数“{n}”不是有效的整数', '{n} is not a valid whole number of days'),

  // --- reading
  'APPOINTMENT.REVISION_NOT_FOUND': e(
    404,
    '案件 {caseId} 没有第 {revision} 版',
    'case {caseId} has no revision {revision}',
  ),
  'APPOINTMENT.CASE_NOT_YET_OPENED': e(
    404,
    '案件 {caseId} 在所查询的时点尚未建立',
    'case {caseId} had not been opened at that point',
  ),
  'APPOINTMENT.READ_NOT_ALLOWED': e(403, '无权查看案件 {caseId}', 'you may not read case {caseId}'),
  'INBOX.ENTRY_NOT_FOUND': e(404, '您的提醒中没有这一条', 'no such inbox entry for you'),
  'PROJECTION.NOT_FOUND': e(404, '没有名为“{name}”的读模型', 'no projection is called {name}'),

  // --- the appointment workflow (DOMAIN.md)
  'APPOINTMENT.INVALID_INPUT': e(400, '{field:field}：{reason:reason}', '{field}: {reason:reason}'),
  'APPOINTMENT.DUPLICATE_ID': e(
    400,
    '{field:field}“{id}”在本案件中已被使用',
    '{field} {id} is already used in this case',
  ),
  'APPOINTMENT.CASE_NOT_FOUND': e(404, '没有编号为 {caseId} 的案件', 'no case {caseId}'),
  'APPOINTMENT.CANDIDATE_NOT_FOUND': e(
    404,
    '本案件中没有编号为 {candidateId} 的人选',
    'no candidate {candidateId} in this case',
  ),
  'APPOINTMENT.OBJECTION_NOT_FOUND': e(
    404,
    '该人选没有编号为 {objectionId} 的反映问题',
    'no objection {objectionId} for this candidate',
  ),
  'APPOINTMENT.ROLE_NOT_ALLOWED': e(
    403,
    '{role:role}无权{command:command}（可进行此项操作的是：{allowed:roles}）',
    'the role {role} may not {command:command} (allowed: {allowed})',
  ),
  'APPOINTMENT.ORG_UNIT_NOT_ALLOWED': e(
    403,
    '{orgUnit}的人员无权对{required}的案件{command:command}',
    'org unit {orgUnit} may not {command} on a case of {required}',
  ),
  'APPOINTMENT.NOT_ON_TEAM': e(
    403,
    '{person}不是本案件考察组成员',
    "{person} is not on this case's inspection team",
  ),
  'APPOINTMENT.NOT_TEAM_LEADER': e(
    403,
    '此项须由考察组组长办理，{person}不是组长',
    '{person} is not the inspection team leader',
  ),
  'APPOINTMENT.RECUSED': e(
    403,
    '{person}对考察对象{candidate}须回避，不能参与其考察',
    '{person} is recused from candidate {candidate}',
    'R7',
  ),
  'APPOINTMENT.SIGNER_OUT_OF_SCOPE': e(
    403,
    '{orgUnit}的书记不能为{candidateUnit}的人选签署或登记',
    'a secretary of {orgUnit} may not act for a candidate of {candidateUnit}',
  ),
  'APPOINTMENT.CASE_EXISTS': e(409, '案件 {caseId} 已经存在', 'case {caseId} already exists'),
  'APPOINTMENT.CASE_CLOSED': e(409, '案件已结案，不能再办理', 'case {caseId} is closed'),
  'APPOINTMENT.WRONG_STAGE': e(
    409,
    '案件目前处于“{stage:stage}”阶段，不能{command:command}（须在{expected:stages}阶段办理）',
    '{command} is not possible in stage {stage} (possible in: {expected})',
  ),
  'APPOINTMENT.CANDIDATE_WRONG_STATUS': e(
    409,
    '人选{candidate}目前为“{status:status}”，不能办理此项（须为{expected:statuses}）',
    'candidate {candidate} is {status} (expected: {expected})',
  ),
  'APPOINTMENT.ALREADY_NOMINATED': e(
    409,
    '{person}已是本案件的人选',
    '{person} is already a candidate in this case',
  ),
  'APPOINTMENT.INITIATION_NOT_APPROVED': e(
    409,
    '动议尚未批准，不能{command:command}',
    '{command} needs an approved initiation',
    'R1',
  ),
  'APPOINTMENT.TURNOUT_NOT_MET': e(
    409,
    '民主推荐应参加 {eligible} 人，实参加 {participants} 人，未达到规定的 {required} 人，推荐无效',
    '{participants} of {eligible} took part; {required} needed',
    'R2',
  ),
  'APPOINTMENT.RECOMMENDER_REQUIRED': e(
    400,
    '提名须写明推荐人（实名推荐）：{field:field}未填写',
    'a nomination must name who recommends ({field})',
    'R3',
  ),
  'APPOINTMENT.RECOMMENDATION_MISSING': e(
    409,
    '尚未登记有效的民主推荐，不能确定考察对象',
    'no valid recommendation round has been recorded',
    'R4',
  ),
  'APPOINTMENT.RECOMMENDATION_EXPIRED': e(
    409,
    '最近一次有效推荐（{latestRoundDate:date}）的结果只在{validUntil:date}前有效，{decidedDate:date}已不能据此确定考察对象，须重新推荐',
    'the latest valid round ({latestRoundDate}) was valid until {validUntil}',
    'R4',
  ),
  'APPOINTMENT.ELIGIBILITY_NOT_RECORDED': e(
    409,
    '尚未登记人选{candidate}的资格审查情况',
    'eligibility of candidate {candidate} is not recorded',
    'R5',
  ),
  'APPOINTMENT.CANDIDATE_DISQUALIFIED': e(
    409,
    '人选{candidate}存在不得列为考察对象的情形：{flags:flags}',
    'candidate {candidate} is disqualified: {flags}',
    'R5',
  ),
  'APPOINTMENT.NOT_EXCEPTIONAL': e(
    409,
    '人选{candidate}不属于破格提拔，无需登记批复',
    'candidate {candidate} is not an exceptional promotion',
    'R6',
  ),
  'APPOINTMENT.EXCEPTIONAL_APPROVAL_MISSING': e(
    409,
    '人选{candidate}属于{kind:value}，须在{before:before}前取得上级组织部门的批复',
    'exceptional ({kind}) candidate {candidate} needs approval before {before}',
    'R6',
  ),
  'APPOINTMENT.TEAM_TOO_SMALL': e(
    409,
    '考察组至少须有 2 人（现有 {size} 人）',
    'an inspection team needs at least 2 members (has {size})',
    'R7',
  ),
  'APPOINTMENT.TEAM_RECUSAL_CONFLICT': e(
    409,
    '考察组人员须回避：{conflict:conflict}',
    '{person} and candidate {candidate} conflict on the team ({conflict})',
    'R7',
  ),
  'APPOINTMENT.TEAM_NOT_FORMED': e(409, '尚未组建考察组', 'no inspection team has been formed', 'R7'),
  'APPOINTMENT.INSPECTION_NOTICE_NOT_PUBLISHED': e(
    409,
    '须先发布考察预告，再开展考察活动',
    'the inspection notice must be published before inspection activities',
    'R8',
  ),
  'APPOINTMENT.INSPECTION_NOTICE_ALREADY_PUBLISHED': e(
    409,
    '考察预告已经发布',
    'the inspection notice is already published',
    'R8',
  ),
  'APPOINTMENT.ASSESSMENT_GRADES_REQUIRED': e(
    400,
    '民主测评须按等次（优秀、称职、基本称职、不称职）登记票数',
    'a democratic assessment records the count per grade',
    'R9',
  ),
  'APPOINTMENT.NO_INSPECTION_ACTIVITY': e(
    409,
    '尚未登记对{candidate}的考察活动，不能提交考察报告',
    'no inspection activity recorded for candidate {candidate}',
    'R9',
  ),
  'APPOINTMENT.CANDIDATE_VETOED': e(
    409,
    '{candidate}政治素质考察不合格，实行一票否决',
    'candidate {candidate} was found politically unqualified',
    'R10',
  ),
  'APPOINTMENT.OPINION_NOT_DRAFTED': e(
    409,
    '尚未起草{candidate}的{kind:value}',
    'no {kind} opinion drafted for candidate {candidate}',
    'R16',
  ),
  'APPOINTMENT.DIGEST_MISMATCH': e(
    409,
    '所签署的文本与当前稿不一致（摘要不符），请阅读最新稿后再签字',
    'the digest signed is not the digest of the current draft',
    'R16',
  ),
  'APPOINTMENT.ALREADY_SIGNED': e(
    409,
    '{person}已在此稿上签字',
    '{person} has already signed this draft',
    'R16',
  ),
  'APPOINTMENT.SIGNER_ROLE_ALREADY_SIGNED': e(
    409,
    '此稿已有{signedAs:role}的签字',
    'the {signedAs} signature is already on this draft',
    'R16',
  ),
  'APPOINTMENT.CHECK_OUTCOME_INVALID': e(
    400,
    '{check:value}的结果只能是{allowed:values}，不能是“{outcome}”',
    '{outcome} is not an outcome of the {check} check (allowed: {allowed})',
    'R11–R14',
  ),
  'APPOINTMENT.CHECK_BLOCKS_CANDIDATE': e(
    409,
    '{candidate}的{check:value}结果为“{outcome:value}”，不能提交讨论决定',
    'the {check} check ({outcome}) blocks candidate {candidate}',
    'R11–R14',
  ),
  'APPOINTMENT.CHECK_RESULT_STANDS': e(
    409,
    '{candidate}的{check:value}已认定为“{outcome:value}”，该人选不得提拔；这一结论不能改记',
    'the {check} check found {outcome} for candidate {candidate}: that blocks the candidate and cannot be recorded over',
    'R12–R14',
  ),
  'APPOINTMENT.NOT_READY_FOR_DECISION': e(
    409,
    '{candidate}尚不能提交讨论决定，还缺：{missing:gaps}',
    'candidate {candidate} cannot be put to the meeting: {missing}',
    'R15',
  ),
  'APPOINTMENT.QUORUM_NOT_MET': e(
    409,
    '应到会 {entitled} 人，实到 {attendees} 人，未达到规定的 {required} 人，不能讨论决定干部任免',
    '{attendees} of {entitled} members attended; {required} needed',
    'R18',
  ),
  'APPOINTMENT.SEATS_EXCEEDED': e(
    409,
    '本次职数为 {seats} 个，会议通过了 {approved} 名人选，超出职数',
    '{approved} approvals for {seats} seat(s)',
    'R20',
  ),
  'APPOINTMENT.NOTICE_WAIVER_GROUND_REQUIRED': e(
    409,
    '不进行任前公示须写明依据',
    'a public notice may be waived only with a recorded ground',
    'R23',
  ),
  'APPOINTMENT.OBJECTION_ALREADY_RESOLVED': e(
    409,
    '该反映问题已经办结',
    'objection {objectionId} is already resolved',
    'R22',
  ),
  'APPOINTMENT.OBJECTIONS_OPEN': e(
    409,
    '候选人{candidate}尚有 {count} 件未办结的反映问题（R22），不能任职',
    'objections still open for candidate {candidate} ({count})',
    'R22',
  ),
  'APPOINTMENT.NOTICE_NOT_ENDED': e(
    409,
    '任职日期须在任前公示截止日{endDate:date}之后（现为{noticeDate:date}）',
    'the appointment notice date must be after the public notice end date {endDate}',
    'R23',
  ),
  'APPOINTMENT.NO_PROBATION': e(
    409,
    '{candidate}未实行试用期',
    'candidate {candidate} is not on probation',
    'R24',
  ),
  'APPOINTMENT.APPOINTMENT_TALK_NOT_RECORDED': e(
    409,
    '尚未登记对{candidate}的任职谈话',
    'the appointment talk of candidate {candidate} is not recorded',
    'R25',
  ),
  'APPOINTMENT.APPOINTMENT_TALK_ALREADY_RECORDED': e(
    409,
    '对{candidate}的任职谈话已经登记',
    'the appointment talk of candidate {candidate} is already recorded',
    'R25',
  ),
  'APPOINTMENT.PROBATION_NOT_ENDED': e(
    409,
    '{candidate}的试用期到{endDate:date}才满，届时方可考核为称职',
    'probation of candidate {candidate} ends on {endDate}',
    'R26',
  ),
  'APPOINTMENT.OCCURRED_IN_FUTURE': e(
    400,
    '{field:field}（{at:moment}）晚于当前时间，不能登记尚未发生的事项',
    '{field} ({at}) is in the future',
    'R28',
  ),
  'APPOINTMENT.OUT_OF_ORDER': e(
    409,
    '{field:field}（{at:moment}）早于其所依据的{step:step}（{stepAt:moment}），请核对时间',
    '{field} ({at}) is earlier than the {step} ({stepAt}) it depends on',
    'R28',
  ),
  'APPOINTMENT.PRINCIPAL_LEADER_ABSENT': e(
    409,
    '主要负责同志{person}未到会，不能讨论决定干部任用事项',
    'the principal leader {person} did not attend the meeting',
    'R17',
  ),
  'APPOINTMENT.PRINCIPAL_LEADER_RECUSED': e(
    409,
    '主要负责同志{person}已回避，不能主持表决',
    'the principal leader {person} is recused and cannot preside over the vote',
    'R17',
  ),
  'APPOINTMENT.NOT_A_MEMBER': e(
    400,
    '{person}不是本次会议的应到会成员',
    '{person} is not among the members of the meeting',
    'R17',
  ),
  'APPOINTMENT.DEFERRAL_CONFLICTS_WITH_MAJORITY': e(
    400,
    '{candidate}获同意票{agree}票，已超过应到会成员半数（须{majority}票），应为通过，不能缓议',
    'candidate {candidate} has {agree} agree votes of {majority} needed: approved, not deferred',
    'R19',
  ),
  'APPOINTMENT.REMINDER_TALK_REQUIRED': e(
    400,
    '反映问题经核实属情节轻微的，须同时登记提醒谈话（谈话人和谈话时间）',
    'a minor finding is resolved with the reminder talk: who held it and when',
    'R22',
  ),
  'APPOINTMENT.REMINDER_TALK_MISSING': e(
    409,
    '{candidate}的反映问题属情节轻微，尚未登记提醒谈话，不能任职',
    'the reminder talk for the minor finding on candidate {candidate} is not recorded',
    'R22',
  ),
  'SUPERVISION.PERSON_NOT_FOUND': e(
    404,
    '没有{personId}作为候选人的案件',
    'no case has {personId} as a candidate',
  ),
  'SUPERVISION.ORG_UNIT_NOT_ALLOWED': e(
    403,
    '分管领导只能查看本单位经办案件的倒查和统计',
    'the accountability chains and statistics of other org units are not visible to you',
  ),
  'APPOINTMENT.NOT_APPOINTED': e(
    409,
    '{candidate}尚未任职，不能登记任职后发现的问题',
    'candidate {candidate} has not been appointed',
  ),
  'APPOINTMENT.RECOMMENDER_SUSPENDED': e(
    409,
    '推荐人{recommender}因“谁推荐谁负责”被暂停推荐资格至{suspendedUntil:date}，不能作为推荐人',
    'recommender {recommender} is suspended until {suspendedUntil}',
    'R27',
  ),
};

/** Why a field was refused: the domain's INVALID_INPUT reasons and the request checks, by key. */
export const FIELD_REASONS: Readonly<Record<string, Words>> = {
  // class-validator constraints of the request DTOs
  isString: { zh: '须为文字', en: 'must be a string' },
  isNotEmpty: { zh: '不能为空', en: 'must not be empty' },
  isNotBlank: {
    zh: '不能只有空格或不可见的字符',
    en: 'must not be only white space or invisible characters',
  },
  isPlainId: {
    zh: '编号首尾不能有空格，不能含不可见的字符或全角字符',
    en: 'must have no space at either end, no invisible and no full-width character',
  },
  isDefined: { zh: '必须填写', en: 'is required' },
  maxLength: { zh: '不能超过 {max} 个字', en: 'must be at most {max} characters' },
  minLength: { zh: '不能少于 {min} 个字', en: 'must be at least {min} characters' },
  isInt: { zh: '须为整数', en: 'must be an integer' },
  isNumber: { zh: '须为数字', en: 'must be a number' },
  min: { zh: '不能小于 {min}', en: 'must not be less than {min}' },
  max: { zh: '不能大于 {max}', en: 'must not be greater than {max}' },
  isIn: { zh: '只能是{allowed:values}', en: 'must be one of: {allowed}' },
  isBoolean: { zh: '须为 true（是）或 false（否）', en: 'must be true or false' },
  isUuid: { zh: '须为 UUID 格式的编号', en: 'must be a UUID' },
  isStage: {
    zh: '只能是以下阶段之一（中文名称或代码均可）：{allowed:stageNames}',
    en: 'must be one of the stages: {allowed}',
  },
  isDateOnly: { zh: '须为日期，格式 YYYY-MM-DD，如 2025-03-14', en: 'must be a date formatted YYYY-MM-DD' },
  isDateTimeWithOffset: {
    zh: '须为带时区的时间，如 2025-03-14T09:30:00+08:00（公元 1 至 9999 年之间）',
    en: 'must be an ISO-8601 date-time with an offset, within the years 1 to 9999',
  },
  isObject: { zh: '须为对象（{…}）', en: 'must be an object' },
  nestedValidation: { zh: '须为对象（{…}）', en: 'must be an object' },
  isArray: { zh: '须为列表', en: 'must be a list' },
  arrayMinSize: { zh: '至少须有 {min} 项', en: 'must have at least {min} item(s)' },
  arrayMaxSize: { zh: '最多 {max} 项', en: 'must have at most {max} items' },
  arrayUnique: { zh: '不能有重复项', en: 'must not list an item twice' },
  whitelistValidation: { zh: '本接口不接受这个字段', en: 'is not a field of this request' },
  matches: { zh: '格式不正确', en: 'is not in the expected form' },
  digest: { zh: '须为 64 位小写十六进制的 SHA-256 摘要', en: 'must be a lowercase hex SHA-256 digest' },
  cursor: { zh: '须为上一页返回的 nextCursor', en: 'must be the nextCursor of a previous page' },
  asOf: {
    zh: '须为带时区的时间，如 2025-03-14T09:30:00+08:00（公元 1 至 9999 年之间）',
    en: 'must be an ISO-8601 time with an offset, within the years 1 to 9999',
  },
  exactlyOne: {
    zh: '{one:field}与{other:field}须且只能给出一项',
    en: 'give exactly one of {one} or {other}',
  },
  revision: { zh: '须为案件版本号，如 "3"', en: 'must be a revision, e.g. "3"' },
  correlationId: {
    zh: '须为 1–128 个字母、数字或 ._:- 字符',
    en: 'must be 1-128 letters, digits or ._:-',
  },
  pathId: {
    zh: '须为不超过 {max} 个字符的编号，不能含控制字符、首尾空格、不可见字符或全角字符',
    en: 'must be an id of at most {max} characters, without control, invisible or full-width characters or spaces at either end',
  },
  invalid: { zh: '填写不正确', en: 'is invalid' },

  // CALENDAR.INVALID_ARRANGEMENT: a year's holiday arrangement (DOMAIN.md §9)
  'calendar-year': {
    zh: '年份“{year}”须为 {min} 至 {max} 之间的四位数字',
    en: 'must be a four-digit year from {min} to {max}, not {year}',
  },
  'calendar-year-skipped': {
    zh: '工作日历现覆盖到 {lastYear} 年，须先载入 {nextYear} 年的安排，不能跳过年份',
    en: 'the calendar covers the years up to {lastYear}; load {nextYear} first, no year can be skipped',
  },
  'calendar-body': {
    zh: '请求体须为 JSON 对象：文号、发布日期、放假日期、调休上班日期',
    en: 'the body must be a JSON object of documentNo, publishedAt, holidays and workdays',
  },
  'calendar-field-unknown': {
    zh: '不允许的字段“{key}”',
    en: 'is not a field of a holiday arrangement',
  },
  'calendar-document-required': {
    zh: '文号（documentNo）须填写，如“国办发明电〔2025〕7号”',
    en: 'the document number is required, e.g. 国办发明电〔2025〕7号',
  },
  'calendar-document-too-long': {
    zh: '文号不能超过 {max} 个字',
    en: 'the document number must be at most {max} characters',
  },
  'calendar-document-unprintable': {
    zh: '文号含有不可显示的字符',
    en: 'the document number contains characters that cannot be displayed',
  },
  'calendar-published-format': {
    zh: '发布日期（publishedAt）须为 YYYY-MM-DD 格式的有效日期',
    en: 'the publication date must be a real date formatted YYYY-MM-DD',
  },
  'calendar-published-year': {
    zh: '发布日期须在 {previousYear} 年或 {year} 年内',
    en: 'the publication date must be in {previousYear} or {year}',
  },
  'calendar-published-future': {
    zh: '发布日期 {date} 晚于今天（{today}）',
    en: 'the publication date {date} is after today ({today})',
  },
  'calendar-days-required': {
    zh: '{list:dayList}（{list}）须填写：{ "YYYY-MM-DD": "名称" }',
    en: 'is required: { "YYYY-MM-DD": "name" }',
  },
  'calendar-days-not-object': {
    zh: '{list:dayList}（{list}）须为对象：{ "YYYY-MM-DD": "名称" }',
    en: 'must be an object: { "YYYY-MM-DD": "name" }',
  },
  'calendar-days-too-many': {
    zh: '{list:dayList}最多 {max} 个，收到 {count} 个',
    en: 'must list at most {max} days, not {count}',
  },
  'calendar-day-format': {
    zh: '{list:dayList}“{date}”不是 YYYY-MM-DD 格式的有效日期',
    en: '{list:dayList} “{date}” is not a real date formatted YYYY-MM-DD',
  },
  'calendar-day-other-year': {
    zh: '{list:dayList} {date} 不在 {year} 年内',
    en: '{list:dayList} {date} is not in {year}',
  },
  'calendar-day-name-required': {
    zh: '{list:dayList} {date} 须注明名称（如“春节”）',
    en: '{list:dayList} {date} must be named (e.g. 春节)',
  },
  'calendar-day-name-invalid': {
    zh: '{list:dayList} {date} 的名称须为不超过 {max} 个可显示字符的文字',
    en: 'the name of {list:dayList} {date} must be text of at most {max} printable characters',
  },
  'calendar-day-both': {
    zh: '{date} 同时列为放假日期和调休上班日期',
    en: '{date} is listed both as a holiday and as a working day in lieu',
  },
  'calendar-workday-weekday': {
    zh: '{date} 是{weekday:weekday}，本来就上班；调休上班日只能是星期六或星期日',
    en: '{date} is a {weekday:weekday}, a working day anyway; a working day in lieu is a Saturday or a Sunday',
  },
  'calendar-new-year-missing': {
    zh: '放假日期须包含元旦（{year}-01-01）：缺少元旦的安排不是完整的年度安排',
    en: 'the holidays must include New Year’s Day ({year}-01-01); without it the arrangement is not a whole year’s',
  },
  'calendar-working-days': {
    zh: '按此安排 {year} 年共有 {workingDays} 个工作日，不在合理范围（{min}–{max}）内，请核对放假和调休日期',
    en: 'this arrangement gives {year} {workingDays} working days, outside the plausible {min}–{max}; check the holidays and working days in lieu',
  },

  // APPOINTMENT.INVALID_INPUT: the domain's own checks
  'text-required': { zh: '不能为空', en: 'must be a non-empty text' },
  'text-too-long': { zh: '不能超过 {maxLength} 个字', en: 'must be at most {maxLength} characters' },
  'moment-format': {
    zh: '须为带时区的时间（如 2025-03-14T09:30:00+08:00）或日期（YYYY-MM-DD）',
    en: 'must be an ISO-8601 time with offset or a YYYY-MM-DD date',
  },
  'date-format': { zh: '须为日期，格式 YYYY-MM-DD，如 2025-03-14', en: 'must be a YYYY-MM-DD date' },
  'integer-min': { zh: '须为不小于 {min} 的整数', en: 'must be an integer ≥ {min}' },
  'one-of': { zh: '只能是{allowed:values}', en: 'must be one of {allowed}' },
  'listed-twice': { zh: '重复列出了“{value}”', en: 'lists {value} twice' },
  'not-boolean': { zh: '须为 true（是）或 false（否）', en: 'must be true or false' },
  'not-a-list': { zh: '须为列表', en: 'must be a list' },
  'refused-text': {
    zh: '含有不允许的字符（NUL 等控制字符或孤立的代理项）',
    en: 'contains characters the service does not accept (NUL and other control characters, lone surrogates)',
  },
  'refused-key-text': {
    zh: '字段名含有不允许的字符（NUL 等控制字符或孤立的代理项）',
    en: 'the field name contains characters the service does not accept',
  },
  'prototype-key': { zh: '是不允许的字段', en: 'is not an allowed field' },
  'number-out-of-range': { zh: '数值超出范围', en: 'the number is out of range' },
  'too-deep': { zh: '嵌套过深（最多 {max} 层）', en: 'nested too deeply (at most {max} levels)' },
  'url-encoding': { zh: '不是有效的 URL 编码', en: 'is not valid URL encoding' },
  'case-id-mismatch': { zh: '与本案件编号 {caseId} 不符', en: 'this is case {caseId}' },
  'appointment-before-decision': {
    zh: '任职日期不能早于讨论决定的日期{decisionDate:date}',
    en: 'the appointment cannot precede the decision of {decisionDate}',
  },
  'talk-before-appointment': {
    zh: '任职谈话不能早于任职日期{noticeDate:date}',
    en: 'the talk cannot precede the appointment of {noticeDate}',
  },
  'extend-days-without-extend': {
    zh: '只有考核结果为“延长试用期”（extend）时才填写延长天数',
    en: 'extendDays goes only with result extend',
  },
  'attendees-exceed-entitled': {
    zh: '实到会 {attendees} 人，多于应到会的 {entitled} 人',
    en: '{attendees} attendees but only {entitled} members are entitled to attend',
  },
  'member-did-not-attend': { zh: '{member}未出席会议', en: '{member} did not attend' },
  'member-recused': { zh: '{member}已回避，不参加表决', en: '{member} is recused' },
  'no-candidate-voted': {
    zh: '会议至少要对一名人选进行表决',
    en: 'the meeting votes on at least one candidate',
  },
  'candidate-not-in-case': {
    zh: '本案件中没有编号为 {candidateId} 的人选',
    en: 'no candidate {candidateId} in this case',
  },
  'votes-missing': {
    zh: '对{candidate}的表决缺少{missing:list}的票',
    en: 'no vote on {candidate} recorded for {missing}',
  },
  'principal-leader-not-last': {
    zh: '对{candidate}的表决中，主要负责人须最后表态（末位表态）',
    en: "the principal leader's vote on {candidate} is recorded last",
  },
  'not-on-team': { zh: '“{personId}”不是考察组成员', en: '{personId} is not on the team' },
  'not-inspection-target': {
    zh: '编号为 {candidateId} 的人选不是考察对象',
    en: '{candidateId} is not an inspection target',
  },
  'count-required': {
    zh: '{kind:value}须填写参加人数',
    en: 'a {kind} records how many took part',
  },
  'grades-sum-mismatch': {
    zh: '各等次票数合计 {total}，与参加人数 {count} 不一致',
    en: 'the grades sum to {total}, not the count {count}',
  },
  'grades-only-for-assessment': {
    zh: '只有民主测评才登记测评等次',
    en: 'only a democratic assessment records grades',
  },
  'recipient-roles-empty': {
    zh: '至少指定一个接收提醒的角色',
    en: 'name at least one recipient role',
  },
  'not-a-role': { zh: '“{role}”不是系统中的角色', en: '{role} is not a role' },
  'notice-before-decision': {
    zh: '任前公示不能早于讨论决定的日期{decisionDate:date}开始',
    en: 'the notice cannot start before the decision of {decisionDate}',
  },
  'birth-date-future': {
    zh: '出生日期不能晚于今天（{today:date}），请核对',
    en: 'the birth date cannot be after today ({today})',
  },
  'birth-date-under-age': {
    zh: '按此出生日期，人选未满 {minAge} 周岁，请核对出生日期',
    en: 'by this birth date the candidate is under {minAge}',
  },
  'no-calendar': {
    zh: '工作日历尚未收录{startDate:date}以后的节假日安排，无法推算公示截止日',
    en: 'no working-day calendar for {startDate}',
  },
  'objection-before-notice': {
    zh: '收到反映的时间不能早于任前公示开始日{startDate:date}',
    en: 'the notice started on {startDate}',
  },
  'digest-format': {
    zh: '须为 64 位小写十六进制的 SHA-256 摘要',
    en: 'digest must be a lowercase hex SHA-256',
  },
  'participants-exceed-eligible': {
    zh: '实参加人数 {participants} 多于应参加人数 {eligible}',
    en: 'participants cannot exceed the eligible list',
  },
  'votes-exceed-participants': {
    zh: '得票数 {votes} 多于实参加人数 {participants}',
    en: 'a person cannot get more votes than there were participants',
  },
  'flags-incomplete': {
    zh: '须逐项填写全部六项资格审查情形',
    en: 'flags must name every eligibility flag',
  },
  'candidates-empty': { zh: '至少列出一名人选', en: 'name at least one candidate' },
  'reminder-talk-only-minor': {
    zh: '只有核实为情节轻微的，才登记提醒谈话',
    en: 'a reminder talk goes only with outcome minor',
  },
  'reminder-talk-incomplete': {
    zh: '须写明谈话时间（heldAt）和谈话人（heldBy）',
    en: 'must name heldAt and heldBy',
  },
  'members-exceed-entitled': {
    zh: '列出的会议成员（{members}人）多于应到会人数（{entitled}人）',
    en: 'more members named ({members}) than are entitled to attend ({entitled})',
  },
};
