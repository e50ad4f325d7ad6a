/**
 * Commands of the appointment workflow. Each is what one API write asks for, with the ids,
 * the acting person and the time passed in: the domain never reads a clock or makes an id.
 * Data fields mirror the request bodies of API.md; path ids (caseId, candidateId, …) are
 * fields of the command.
 */

export type Role =
  | 'handler'
  | 'inspector'
  | 'unit-secretary'
  | 'discipline-secretary'
  | 'committee-secretary'
  | 'supervisor'
  | 'auditor'
  | 'admin'
  | 'system';

export interface Actor {
  id: string;
  name: string;
  role: Role;
  orgUnit: string;
}

export interface PersonRef {
  id: string;
  name: string;
}

interface CommandBase<T extends string, D> {
  type: T;
  caseId: string;
  data: D;
  actor: Actor;
  /** When the command is decided (ISO-8601 with offset), from the service clock. */
  at: string;
}

export type OpenCase = CommandBase<
  'OpenCase',
  { post: { title: string; orgUnit: string; level: string }; seats?: number; grounds: string }
>;
export type ApproveInitiation = CommandBase<'ApproveInitiation', { comment?: string }>;
export type RejectInitiation = CommandBase<'RejectInitiation', { comment?: string }>;

export interface RoundResult {
  candidateId?: string;
  personId: string;
  name: string;
  votes: number;
}
export type RecordRecommendationRound = CommandBase<
  'RecordRecommendationRound',
  {
    roundId: string;
    kind: 'talk' | 'meeting';
    heldAt: string;
    eligible: number;
    participants: number;
    results: RoundResult[];
  }
>;

export type ExceptionalKind = 'skip-level' | 'unrecommended' | 'other';
export type NominateCandidate = CommandBase<
  'NominateCandidate',
  {
    candidateId: string;
    person: { id: string; name: string; birthDate?: string; currentPost: string; orgUnit: string };
    recommendedBy: { id: string; name: string; role: string };
    reason: string;
    exceptional?: { kind: ExceptionalKind; grounds: string };
  }
>;

export interface EligibilityFlags {
  politicalDiscipline: boolean;
  lowAcceptance: boolean;
  appraisalBasicOrLower: boolean;
  canvassing: boolean;
  familyEmigrated: boolean;
  disciplinaryImpactPeriod: boolean;
}
export type RecordEligibility = CommandBase<
  'RecordEligibility',
  { candidateId: string; flags: EligibilityFlags }
>;
export type RecordExceptionalApproval = CommandBase<
  'RecordExceptionalApproval',
  { candidateId: string; approvedBy: string; documentNo: string; approvedAt: string }
>;
export type DetermineInspectionTargets = CommandBase<
  'DetermineInspectionTargets',
  { candidateIds: string[]; decidedAt: string; basis: string }
>;

export interface Recusal {
  personId: string;
  candidateId: string;
  reason: string;
}
export type FormInspectionTeam = CommandBase<
  'FormInspectionTeam',
  { leader: PersonRef; members: PersonRef[]; recusals?: Recusal[] }
>;
export type PublishInspectionNotice = CommandBase<
  'PublishInspectionNotice',
  { publishedAt: string; channel: string }
>;

export type InspectionActivityKind =
  'individual-talk' | 'democratic-assessment' | 'dossier-reading' | 'field-visit' | 'candidate-interview';
export interface AssessmentGrades {
  excellent: number;
  competent: number;
  basic: number;
  incompetent: number;
}
export type RecordInspectionActivity = CommandBase<
  'RecordInspectionActivity',
  {
    candidateId: string;
    activityId: string;
    kind: InspectionActivityKind;
    heldAt: string;
    summary: string;
    count?: number;
    grades?: AssessmentGrades;
  }
>;
export type SubmitInspectionReport = CommandBase<
  'SubmitInspectionReport',
  { candidateId: string; conclusion: string; strengths: string; weaknesses: string }
>;

export type OpinionKind = 'political' | 'integrity';
export type PoliticalVerdict = 'qualified' | 'unqualified';
export type IntegrityVerdict = 'no-objection' | 'objection';
export type DraftOpinion = CommandBase<
  'DraftOpinion',
  { candidateId: string; kind: OpinionKind; text: string; verdict: PoliticalVerdict | IntegrityVerdict }
>;
export type SignOpinion = CommandBase<
  'SignOpinion',
  { candidateId: string; kind: OpinionKind; digest: string }
>;

export type RecordedCheck = 'dossier' | 'personal-matters' | 'petitions';
export type CheckOutcome =
  | 'verified'
  | 'discrepancy'
  | 'consistent'
  | 'omission'
  | 'concealment'
  | 'none'
  | 'unsubstantiated'
  | 'substantiated';
export type RecordCheck = CommandBase<
  'RecordCheck',
  { candidateId: string; check: RecordedCheck; outcome: CheckOutcome; findings: string; checkedAt: string }
>;

export type Vote = 'agree' | 'disagree' | 'defer';
export interface CandidateVotes {
  candidateId: string;
  /** R19: the meeting resolved to defer (缓议) this candidate. */
  deferred?: boolean;
  ballots: Array<{ memberId: string; vote: Vote }>;
}
export type HoldDecisionMeeting = CommandBase<
  'HoldDecisionMeeting',
  {
    meetingId: string;
    heldAt: string;
    entitled: number;
    /** R17: the members entitled to attend, named so the record shows names. */
    members?: PersonRef[];
    attendees: string[];
    recused?: string[];
    principalLeaderId: string;
    votes: CandidateVotes[];
  }
>;

export type StartPublicNotice = CommandBase<
  'StartPublicNotice',
  { candidateId: string; startDate: string; waived?: { ground: string } }
>;
export type RecordObjection = CommandBase<
  'RecordObjection',
  { candidateId: string; objectionId: string; receivedAt: string; summary: string }
>;
export type ObjectionOutcome = 'unfounded' | 'minor' | 'serious' | 'hold';
/** R22: the reminder talk (提醒谈话) that resolves a minor finding: when, and who held it. */
export interface ReminderTalk {
  heldAt: string;
  heldBy: string;
}
export type ResolveObjection = CommandBase<
  'ResolveObjection',
  {
    candidateId: string;
    objectionId: string;
    outcome: ObjectionOutcome;
    findings: string;
    reminderTalk?: ReminderTalk;
  }
>;
export type IssueAppointment = CommandBase<
  'IssueAppointment',
  { candidateId: string; noticeDate: string; probation: boolean }
>;
export type RecordAppointmentTalk = CommandBase<
  'RecordAppointmentTalk',
  { candidateId: string; heldAt: string; heldBy: string }
>;
export type ProbationResult = 'competent' | 'incompetent' | 'extend';
export type ReviewProbation = CommandBase<
  'ReviewProbation',
  { candidateId: string; result: ProbationResult; findings: string; extendDays?: number }
>;
export type DropCandidate = CommandBase<'DropCandidate', { candidateId: string; reason: string }>;
export type WithdrawCase = CommandBase<'WithdrawCase', { reason: string }>;

/** Appended by the reminder processor when a due reminder still holds (DOMAIN.md §3). */
export type IssueReminder = CommandBase<
  'IssueReminder',
  {
    reminderId: string;
    kind: string;
    subject: string;
    recipientRoles: Role[];
    reason: string;
    dueAt: string;
  }
>;

export type AppointmentCommand =
  | OpenCase
  | ApproveInitiation
  | RejectInitiation
  | RecordRecommendationRound
  | NominateCandidate
  | RecordEligibility
  | RecordExceptionalApproval
  | DetermineInspectionTargets
  | FormInspectionTeam
  | PublishInspectionNotice
  | RecordInspectionActivity
  | SubmitInspectionReport
  | DraftOpinion
  | SignOpinion
  | RecordCheck
  | HoldDecisionMeeting
  | StartPublicNotice
  | RecordObjection
  | ResolveObjection
  | IssueAppointment
  | RecordAppointmentTalk
  | ReviewProbation
  | DropCandidate
  | WithdrawCase
  | IssueReminder;

export type AppointmentCommandType = AppointmentCommand['type'];
