import type { Role } from './auth/session';

export const STAGES = [
  'initiated',
  'initiation-approved',
  'recommending',
  'inspection-targets',
  'inspecting',
  'deciding',
  'public-notice',
  'appointed',
  'closed',
] as const;
export type Stage = (typeof STAGES)[number];

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

export const ROLE_LABELS: Record<Role | 'system', string> = {
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

export const CANDIDATE_STATUS: Record<string, { label: string; color: string }> = {
  nominated: { label: '已提名', color: 'default' },
  'not-selected': { label: '未列为考察对象', color: 'default' },
  target: { label: '考察对象', color: 'processing' },
  deferred: { label: '缓议', color: 'warning' },
  approved: { label: '会议通过', color: 'success' },
  rejected: { label: '未通过', color: 'error' },
  'in-notice': { label: '公示中', color: 'processing' },
  appointed: { label: '已任职', color: 'success' },
  'on-probation': { label: '试用期', color: 'processing' },
  confirmed: { label: '正式任职', color: 'success' },
  revoked: { label: '免去试任职务', color: 'error' },
  cancelled: { label: '取消任职', color: 'error' },
  dropped: { label: '已退出', color: 'default' },
};

export const CHECKS = ['dossier', 'personal-matters', 'discipline-opinion', 'petitions'] as const;
export type CheckName = (typeof CHECKS)[number];

export const CHECK_LABELS: Record<CheckName, string> = {
  dossier: '干部档案凡提必审',
  'personal-matters': '个人有关事项报告凡提必核',
  'discipline-opinion': '纪检监察机关意见凡提必听',
  petitions: '信访举报凡提必查',
};

export const OUTCOME_LABELS: Record<string, string> = {
  verified: '审核无误',
  discrepancy: '发现问题',
  consistent: '查核一致',
  omission: '漏报',
  concealment: '隐瞒不报',
  none: '未收到信访举报',
  unsubstantiated: '经查不属实',
  substantiated: '经查属实',
  'no-objection': '无不同意见',
  objection: '有不同意见',
  qualified: '合格',
  unqualified: '不合格',
  unfounded: '反映不属实',
  minor: '轻微问题（提醒谈话）',
  serious: '严重问题（取消任职）',
  hold: '暂缓（尚待核实）',
  competent: '称职',
  incompetent: '不称职',
  extend: '延长试用期',
};

export const OPINION_LABELS: Record<'political' | 'integrity', string> = {
  political: '政治素质考察书面评价意见',
  integrity: '廉政意见',
};

export const SIGNER_LABELS: Record<string, string> = {
  'inspection-leader': '考察组组长',
  'unit-secretary': '单位党委（党组）书记',
  'discipline-secretary': '纪委书记（纪检组组长）',
};

export const ACTIVITY_LABELS: Record<string, string> = {
  'individual-talk': '个别谈话',
  'democratic-assessment': '民主测评',
  'dossier-reading': '查阅档案',
  'field-visit': '实地走访',
  'candidate-interview': '与考察对象面谈',
};

export const ACTION_LABELS: Record<string, string> = {
  ApproveInitiation: '批准动议',
  RejectInitiation: '不同意动议',
  RecordRecommendationRound: '录入推荐',
  NominateCandidate: '提名人选',
  RecordEligibility: '资格审查',
  RecordExceptionalApproval: '录入破格批复',
  DetermineInspectionTargets: '确定考察对象',
  FormInspectionTeam: '组成考察组',
  PublishInspectionNotice: '发布考察预告',
  RecordInspectionActivity: '录入考察活动',
  SubmitInspectionReport: '提交考察报告',
  DraftOpinion: '起草意见',
  SignOpinion: '签字',
  RecordCheck: '录入凡提四必',
  HoldDecisionMeeting: '录入讨论决定',
  StartPublicNotice: '开始任前公示',
  RecordObjection: '登记反映问题',
  ResolveObjection: '办结反映问题',
  RecordPostAppointmentFinding: '登记任职后发现问题',
  IssueAppointment: '发文任职',
  RecordAppointmentTalk: '录入任职谈话',
  ReviewProbation: '试用期满考核',
  DropCandidate: '人选退出',
  WithdrawCase: '撤销案件',
};

export const DEADLINE_LABELS: Record<string, string> = {
  'initiation-approval': '动议待审批',
  'initiation-approval-escalation': '动议待审批（报分管领导）',
  'recommendation-expiry': '推荐结果即将过期',
  'check-outstanding': '凡提四必待完成',
  'check-outstanding-escalation': '凡提四必逾期（报分管领导）',
  'signature-outstanding': '意见待签字',
  'signature-outstanding-escalation': '签字逾期（报分管领导）',
  'notice-ends': '公示期满',
  'hold-too-long': '暂缓超期',
  'appointment-talk-missing': '任职谈话待补',
  'probation-ending': '试用期即将期满',
  'probation-ends': '试用期满',
  // Not a case deadline: the admins' notice that the working calendar is about to run out (DOMAIN.md §9).
  'calendar-coverage': '工作日历即将到期',
};

export const SEVERITY: Record<string, { label: string; color: string }> = {
  red: { label: '红色', color: 'red' },
  yellow: { label: '黄色', color: 'gold' },
  blue: { label: '蓝色', color: 'blue' },
};

/** A post with its unit, the unit once (as the service's postName writes it). */
export function postName(post: { title: string; orgUnit: string }): string {
  return post.title.startsWith(post.orgUnit) ? post.title : `${post.orgUnit}${post.title}`;
}

export function label(map: Record<string, string>, key: string | null | undefined): string {
  if (key === null || key === undefined) return '—';
  return map[key] ?? key;
}

export const FINDING_SOURCE_LABELS: Record<string, string> = {
  discipline: '纪检监察',
  'inspection-tour': '巡视巡察',
  audit: '审计',
  petition: '信访举报',
  other: '其他',
};

/** The recorded event types in the words of the 纪实 (for the raw-event view auditors use). */
export const EVENT_LABELS: Record<string, string> = {
  CaseOpened: '提出动议',
  InitiationApproved: '批准动议',
  InitiationRejected: '不同意动议',
  RecommendationRoundRecorded: '民主推荐',
  CandidateNominated: '提名人选（实名推荐）',
  EligibilityRecorded: '资格审查',
  ExceptionalApprovalRecorded: '破格提拔批复',
  InspectionTargetsDetermined: '确定考察对象',
  InspectionTeamFormed: '组成考察组',
  InspectionNoticePublished: '发布考察预告',
  InspectionActivityRecorded: '考察活动',
  InspectionReportSubmitted: '提交考察报告',
  OpinionDrafted: '起草意见',
  OpinionSigned: '意见签字',
  CheckRecorded: '凡提四必核查',
  DecisionMeetingHeld: '讨论决定',
  PublicNoticeStarted: '开始任前公示',
  PublicNoticeWaived: '免于公示',
  ObjectionRecorded: '登记反映问题',
  ObjectionResolved: '办结反映问题',
  AppointmentCancelled: '取消任职',
  AppointmentIssued: '发文任职',
  AppointmentTalkRecorded: '任职谈话',
  ProbationReviewed: '试用期满考核',
  ProbationExtended: '延长试用期',
  AppointmentConfirmed: '正式任职',
  AppointmentRevoked: '免去试任职务',
  CaseClosed: '结案',
  CandidateDropped: '人选退出',
  CaseWithdrawn: '撤销案件',
  ReminderIssued: '发出提醒',
  PostAppointmentFindingRecorded: '登记任职后发现问题',
};
