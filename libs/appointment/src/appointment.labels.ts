/**
 * The domain's words in Chinese, in one place: stages, roles, commands, candidate statuses,
 * checks and the values a request may carry. Error messages, the case list's stage filter and
 * the printed record read them from here.
 */
import type { AppointmentCommand, Role } from './appointment.commands';
import type { SignerRole } from './appointment.events';
import type { CandidateStatus, CheckName, Stage } from './appointment.state';

export const STAGE_LABELS: Record<Stage, string> = {
  initiated: '动议',
  'initiation-approved': '动议审批',
  recommending: '民主推荐',
  'inspection-targets': '确定考察对象',
  inspecting: '考察',
  deciding: '讨论决定',
  'public-notice': '任前公示',
  appointed: '任职',
  closed: '结案',
};

export const ROLE_LABELS: Record<Role, string> = {
  handler: '经办人',
  inspector: '考察组成员',
  'unit-secretary': '单位党委（党组）书记',
  'discipline-secretary': '纪委书记（纪检组组长）',
  'committee-secretary': '党委（党组）书记',
  supervisor: '分管领导',
  auditor: '选人用人检查人员',
  admin: '系统管理员',
  system: '系统',
};

/** In whose capacity an opinion is signed (R16): the team leader, or the secretary by role. */
export const SIGNER_LABELS: Readonly<Record<string, string>> = {
  'inspection-leader': '考察组组长',
  'unit-secretary': ROLE_LABELS['unit-secretary'],
  'discipline-secretary': ROLE_LABELS['discipline-secretary'],
} satisfies Record<SignerRole, string>;

/** Where a problem found after appointment came from (DOMAIN.md §7). */
export const FINDING_SOURCE_LABELS: Record<string, string> = {
  discipline: '纪检监察',
  'inspection-tour': '巡视巡察',
  audit: '审计',
  petition: '信访举报',
  other: '其他',
};

/** What each command does, as the object of 不能… / 无权… in a sentence. */
export const COMMAND_LABELS: Record<AppointmentCommand['type'], string> = {
  OpenCase: '发起动议',
  ApproveInitiation: '批准动议',
  RejectInitiation: '不批准动议',
  RecordRecommendationRound: '登记民主推荐',
  NominateCandidate: '提名人选',
  RecordEligibility: '登记资格审查',
  RecordExceptionalApproval: '登记破格提拔批复',
  DetermineInspectionTargets: '确定考察对象',
  FormInspectionTeam: '组建考察组',
  PublishInspectionNotice: '发布考察预告',
  RecordInspectionActivity: '登记考察活动',
  SubmitInspectionReport: '提交考察报告',
  DraftOpinion: '起草意见',
  SignOpinion: '签署意见',
  RecordCheck: '登记核查结果',
  HoldDecisionMeeting: '登记讨论决定会议',
  StartPublicNotice: '开始任前公示',
  RecordObjection: '登记公示期间反映的问题',
  ResolveObjection: '办结反映的问题',
  IssueAppointment: '办理任职',
  RecordAppointmentTalk: '登记任职谈话',
  ReviewProbation: '进行试用期满考核',
  DropCandidate: '使人选退出',
  WithdrawCase: '撤销案件',
  IssueReminder: '发出提醒',
  RecordPostAppointmentFinding: '登记任职后发现的问题',
};

/** The same in English, for answers in English (`may not …`). */
export const COMMAND_LABELS_EN: Record<AppointmentCommand['type'], string> = {
  OpenCase: 'open a case',
  ApproveInitiation: 'approve the initiation',
  RejectInitiation: 'reject the initiation',
  RecordRecommendationRound: 'record a recommendation round',
  NominateCandidate: 'nominate a candidate',
  RecordEligibility: 'record the eligibility review',
  RecordExceptionalApproval: 'record the approval of an exceptional promotion',
  DetermineInspectionTargets: 'determine the inspection targets',
  FormInspectionTeam: 'form the inspection team',
  PublishInspectionNotice: 'publish the inspection notice',
  RecordInspectionActivity: 'record an inspection activity',
  SubmitInspectionReport: 'submit the inspection report',
  DraftOpinion: 'draft an opinion',
  SignOpinion: 'sign an opinion',
  RecordCheck: 'record a check',
  HoldDecisionMeeting: 'record the decision meeting',
  StartPublicNotice: 'start the public notice',
  RecordObjection: 'record an objection',
  ResolveObjection: 'resolve an objection',
  IssueAppointment: 'issue the appointment',
  RecordAppointmentTalk: 'record the appointment talk',
  ReviewProbation: 'review the probation',
  DropCandidate: 'drop a candidate',
  WithdrawCase: 'withdraw the case',
  IssueReminder: 'issue a reminder',
  RecordPostAppointmentFinding: 'record a finding after the appointment',
};

export const CANDIDATE_STATUS_LABELS: Record<CandidateStatus, string> = {
  nominated: '已提名',
  'not-selected': '未列为考察对象',
  target: '考察对象',
  deferred: '暂缓表决',
  approved: '会议通过',
  rejected: '会议未通过',
  'in-notice': '公示中',
  appointed: '已任职',
  'on-probation': '试用期中',
  confirmed: '正式任职',
  revoked: '已免去试任职务',
  cancelled: '已取消任职',
  dropped: '已退出',
};

export const CHECK_LABELS: Record<CheckName, string> = {
  dossier: '干部档案审核',
  'personal-matters': '个人有关事项报告核查',
  'discipline-opinion': '纪检监察机关意见',
  petitions: '信访举报核查',
};

/** The values of the request bodies' enumerations (API.md's command table). */
export const VALUE_LABELS: Record<string, string> = {
  talk: '谈话调研推荐',
  meeting: '会议推荐',
  'skip-level': '越级提拔',
  unrecommended: '未经推荐',
  other: '其他',
  'individual-talk': '个别谈话',
  'democratic-assessment': '民主测评',
  'dossier-reading': '查阅档案',
  'field-visit': '实地走访',
  'candidate-interview': '与考察对象面谈',
  political: '政治素质考察意见',
  integrity: '廉政意见',
  qualified: '合格',
  unqualified: '不合格',
  'no-objection': '无意见',
  objection: '有意见',
  verified: '已审核无误',
  discrepancy: '存在不一致',
  consistent: '如实报告',
  omission: '漏报',
  concealment: '隐瞒不报',
  none: '未收到',
  unsubstantiated: '查无实据',
  substantiated: '查有实据',
  agree: '同意',
  disagree: '不同意',
  defer: '缓议',
  unfounded: '不属实',
  minor: '问题轻微，提醒谈话',
  serious: '问题严重，取消任职',
  hold: '暂缓，待核实',
  competent: '称职',
  incompetent: '不称职',
  extend: '延长试用期',
  discipline: '纪律审查',
  'inspection-tour': '巡视巡察',
  audit: '审计',
  petition: '信访举报',
  true: '是',
  false: '否',
  ...CHECK_LABELS,
  ...ROLE_LABELS,
};

/** The post with its unit printed once: a title that already names the unit is not prefixed again. */
export function postName(post: { title: string; orgUnit: string }): string {
  return post.title.startsWith(post.orgUnit) ? post.title : `${post.orgUnit}${post.title}`;
}
