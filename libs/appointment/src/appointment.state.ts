/**
 * The state of one case, folded from its events. Plain JSON (no Map, Set or Date): the API
 * returns it as GET /cases/:id.
 */
import type {
  AssessmentGrades,
  CheckOutcome,
  EligibilityFlags,
  ExceptionalKind,
  InspectionActivityKind,
  IntegrityVerdict,
  ObjectionOutcome,
  OpinionKind,
  PersonRef,
  PoliticalVerdict,
  ReminderTalk,
  Role,
  RoundResult,
  Vote,
} from './appointment.commands';
import type {
  ActorRef,
  CandidateDecision,
  CandidatePerson,
  CaseOutcome,
  DisqualifyingFlag,
  Post,
  SignerRole,
} from './appointment.events';

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

export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

export type CandidateStatus =
  | 'nominated'
  | 'not-selected'
  | 'target'
  | 'deferred'
  | 'approved'
  | 'rejected'
  | 'in-notice'
  | 'appointed'
  | 'on-probation'
  | 'confirmed'
  | 'revoked'
  | 'cancelled'
  | 'dropped';

export type CheckName = 'dossier' | 'personal-matters' | 'discipline-opinion' | 'petitions';
export const CHECK_NAMES: readonly CheckName[] = [
  'dossier',
  'personal-matters',
  'discipline-opinion',
  'petitions',
];

export interface CheckState {
  outcome: CheckOutcome | IntegrityVerdict;
  findings: string;
  checkedAt: string;
  checkedBy: ActorRef;
  blocking: boolean;
}

export interface Signature {
  id: string;
  name: string;
  role: Role;
  signedAs: SignerRole;
  digest: string;
  signedAt: string;
}

export interface OpinionState {
  kind: OpinionKind;
  /** 1 for the first draft; every re-draft starts over without signatures (R16). */
  draftNo: number;
  text: string;
  digest: string;
  verdict: PoliticalVerdict | IntegrityVerdict;
  draftedBy: ActorRef;
  draftedAt: string;
  signatures: Signature[];
  complete: boolean;
  completedAt: string | null;
}

export interface InspectionActivity {
  activityId: string;
  kind: InspectionActivityKind;
  heldAt: string;
  summary: string;
  count?: number;
  grades?: AssessmentGrades;
  recordedBy: ActorRef;
}

export interface Objection {
  objectionId: string;
  receivedAt: string;
  summary: string;
  status: 'open' | 'on-hold' | 'resolved';
  outcome: ObjectionOutcome | null;
  findings: string | null;
  holdSince: string | null;
  resolvedAt: string | null;
  /** R22: the reminder talk of a minor finding. */
  reminderTalk: ReminderTalk | null;
}

export interface CandidateState {
  candidateId: string;
  person: CandidatePerson;
  recommendedBy: { id: string; name: string; role: string };
  reason: string;
  nominatedAt: string;
  status: CandidateStatus;
  eligibility: {
    flags: EligibilityFlags;
    disqualified: boolean;
    disqualifyingFlags: DisqualifyingFlag[];
    recordedAt: string;
  } | null;
  exceptional: {
    kind: ExceptionalKind;
    grounds: string;
    approval: { approvedBy: string; documentNo: string; approvedAt: string } | null;
  } | null;
  activities: InspectionActivity[];
  report: {
    conclusion: string;
    strengths: string;
    weaknesses: string;
    submittedBy: ActorRef;
    submittedAt: string;
  } | null;
  checks: Record<CheckName, CheckState | null>;
  opinions: Record<OpinionKind, OpinionState | null>;
  /** R10: a double-signed "unqualified" political opinion; never lifted in this case. */
  vetoed: boolean;
  decision: {
    meetingId: string;
    heldAt: string;
    decisionDate: string;
    outcome: CandidateDecision['outcome'];
    agree: number;
    disagree: number;
    defer: number;
    entitled: number;
  } | null;
  publicNotice: { startDate: string; endDate: string } | null;
  noticeWaiver: { ground: string; waivedAt: string } | null;
  objections: Objection[];
  appointment: {
    noticeDate: string;
    effectiveDate: string;
    seniorityFrom: string;
    probation: boolean;
    issuedAt: string;
  } | null;
  appointmentTalk: { heldAt: string; heldBy: string } | null;
  probation: {
    startDate: string;
    endDate: string;
    extensions: Array<{ extendDays: number; newEndDate: string; findings: string; extendedAt: string }>;
    review: { result: 'competent' | 'incompetent'; findings: string; reviewedAt: string } | null;
  } | null;
  dropped: { reason: string; droppedAt: string } | null;
  cancelled: { objectionId: string; reason: string; cancelledAt: string } | null;
}

export interface RecommendationRound {
  roundId: string;
  kind: 'talk' | 'meeting';
  heldAt: string;
  eligible: number;
  participants: number;
  results: RoundResult[];
}

export interface InspectionTeam {
  leader: PersonRef;
  members: PersonRef[];
  recusals: Array<{ personId: string; candidateId: string; reason: string }>;
  formedAt: string;
}

export interface DecisionMeeting {
  meetingId: string;
  heldAt: string;
  decisionDate: string;
  entitled: number;
  /** R17: the members, when the meeting named them. */
  members?: PersonRef[];
  attendees: string[];
  recused: string[];
  principalLeaderId: string;
  results: Array<{
    candidateId: string;
    outcome: CandidateDecision['outcome'];
    agree: number;
    disagree: number;
    defer: number;
    ballots: Array<{ memberId: string; vote: Vote }>;
  }>;
}

export interface ReminderRecord {
  reminderId: string;
  kind: string;
  subject: string;
  recipientRoles: Role[];
  reason: string;
  dueAt: string;
  issuedAt: string;
}

export interface CaseData {
  caseId: string;
  stage: Stage;
  ownerOrgUnit: string;
  post: Post;
  seats: number;
  grounds: string;
  openedBy: ActorRef;
  openedAt: string;
  initiation: {
    decision: 'pending' | 'approved' | 'rejected';
    decidedBy: ActorRef | null;
    decidedAt: string | null;
    comment: string | null;
  };
  rounds: RecommendationRound[];
  /** R4: heldAt of the latest valid round, the start of the recommendation's validity. */
  latestValidRoundAt: string | null;
  inspectionTargets: { candidateIds: string[]; decidedAt: string; basis: string } | null;
  team: InspectionTeam | null;
  inspectionNotice: { publishedAt: string; channel: string } | null;
  meetings: DecisionMeeting[];
  candidates: CandidateState[];
  reminders: ReminderRecord[];
  withdrawal: { reason: string; withdrawnBy: ActorRef; withdrawnAt: string } | null;
  /** Time of the latest event that carried one. */
  updatedAt: string;
}

export interface EmptyCaseState {
  status: 'empty';
}

export interface OpenCaseState extends CaseData {
  status: 'open';
}

export interface ClosedCaseState extends CaseData {
  status: 'closed';
  stage: 'closed';
  outcome: CaseOutcome;
  closedAt: string;
  /** The stage the case was in when it ended. */
  closedFromStage: Stage;
}

export type AppointmentState = EmptyCaseState | OpenCaseState | ClosedCaseState;
export type ExistingCaseState = OpenCaseState | ClosedCaseState;

export function initialAppointmentState(): AppointmentState {
  return { status: 'empty' };
}
