/**
 * Events of the appointment workflow. They are folded without their metadata, so each one
 * carries the ids it concerns and every time a later rule needs.
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
  RecordedCheck,
  ReminderTalk,
  Role,
  RoundResult,
  Vote,
} from './appointment.commands';

/** Who did something, as written into the 纪实 record. */
export interface ActorRef {
  id: string;
  name: string;
  role: Role;
}

export interface CandidatePerson {
  id: string;
  name: string;
  birthDate?: string;
  currentPost: string;
  orgUnit: string;
}

export interface Post {
  title: string;
  orgUnit: string;
  level: string;
}

export type CaseOutcome = 'confirmed' | 'rejected' | 'withdrawn' | 'revoked';

export type DisqualifyingFlag = keyof EligibilityFlags;

export type SignerRole = 'inspection-leader' | 'unit-secretary' | 'discipline-secretary';

export type DecisionOutcome = 'approved' | 'rejected' | 'deferred';

export interface CandidateDecision {
  candidateId: string;
  ballots: Array<{ memberId: string; vote: Vote }>;
  agree: number;
  disagree: number;
  defer: number;
  /** R19: the meeting's resolution to defer; absent in events recorded before it was asked for. */
  deferred?: boolean;
  outcome: DecisionOutcome;
}

interface Ev<T extends string, D> {
  type: T;
  data: D;
}

export type CaseOpened = Ev<
  'CaseOpened',
  {
    caseId: string;
    ownerOrgUnit: string;
    post: Post;
    seats: number;
    grounds: string;
    openedBy: ActorRef;
    openedAt: string;
  }
>;
export type InitiationApproved = Ev<
  'InitiationApproved',
  { caseId: string; approvedBy: ActorRef; comment?: string; approvedAt: string }
>;
export type InitiationRejected = Ev<
  'InitiationRejected',
  { caseId: string; rejectedBy: ActorRef; comment?: string; rejectedAt: string }
>;
export type RecommendationRoundRecorded = Ev<
  'RecommendationRoundRecorded',
  {
    caseId: string;
    roundId: string;
    kind: 'talk' | 'meeting';
    heldAt: string;
    eligible: number;
    participants: number;
    /** R2: the turnout required for a meeting round (0 for talk rounds). */
    requiredParticipants: number;
    results: RoundResult[];
    recordedBy: ActorRef;
    recordedAt: string;
  }
>;
export type CandidateNominated = Ev<
  'CandidateNominated',
  {
    caseId: string;
    candidateId: string;
    person: CandidatePerson;
    recommendedBy: { id: string; name: string; role: string };
    reason: string;
    exceptional?: { kind: ExceptionalKind; grounds: string };
    nominatedBy: ActorRef;
    nominatedAt: string;
  }
>;
export type EligibilityRecorded = Ev<
  'EligibilityRecorded',
  {
    caseId: string;
    candidateId: string;
    flags: EligibilityFlags;
    disqualifyingFlags: DisqualifyingFlag[];
    recordedBy: ActorRef;
    recordedAt: string;
  }
>;
export type ExceptionalApprovalRecorded = Ev<
  'ExceptionalApprovalRecorded',
  {
    caseId: string;
    candidateId: string;
    approvedBy: string;
    documentNo: string;
    approvedAt: string;
    recordedBy: ActorRef;
    recordedAt: string;
  }
>;
export type InspectionTargetsDetermined = Ev<
  'InspectionTargetsDetermined',
  {
    caseId: string;
    candidateIds: string[];
    notSelected: string[];
    decidedAt: string;
    basis: string;
    /** R4: the recommendation round the targets rest on. */
    latestRoundAt: string;
    recordedBy: ActorRef;
  }
>;
export type InspectionTeamFormed = Ev<
  'InspectionTeamFormed',
  {
    caseId: string;
    leader: PersonRef;
    members: PersonRef[];
    recusals: Array<{ personId: string; candidateId: string; reason: string }>;
    formedBy: ActorRef;
    formedAt: string;
  }
>;
export type InspectionNoticePublished = Ev<
  'InspectionNoticePublished',
  { caseId: string; publishedAt: string; channel: string; publishedBy: ActorRef }
>;
export type InspectionActivityRecorded = Ev<
  'InspectionActivityRecorded',
  {
    caseId: string;
    candidateId: string;
    activityId: string;
    kind: InspectionActivityKind;
    heldAt: string;
    summary: string;
    count?: number;
    grades?: AssessmentGrades;
    recordedBy: ActorRef;
    recordedAt: string;
  }
>;
export type InspectionReportSubmitted = Ev<
  'InspectionReportSubmitted',
  {
    caseId: string;
    candidateId: string;
    conclusion: string;
    strengths: string;
    weaknesses: string;
    submittedBy: ActorRef;
    submittedAt: string;
  }
>;
export type OpinionDrafted = Ev<
  'OpinionDrafted',
  {
    caseId: string;
    candidateId: string;
    kind: OpinionKind;
    text: string;
    /** R16: lowercase hex SHA-256 of the UTF-8 text. */
    digest: string;
    verdict: PoliticalVerdict | IntegrityVerdict;
    draftedBy: ActorRef;
    draftedAt: string;
  }
>;
export type OpinionSigned = Ev<
  'OpinionSigned',
  {
    caseId: string;
    candidateId: string;
    kind: OpinionKind;
    digest: string;
    signer: { id: string; name: string; role: Role; signedAs: SignerRole };
    signedAt: string;
  }
>;
export type CheckRecorded = Ev<
  'CheckRecorded',
  {
    caseId: string;
    candidateId: string;
    check: RecordedCheck;
    outcome: CheckOutcome;
    findings: string;
    checkedAt: string;
    /** R11–R14: whether this outcome keeps the candidate from the decision meeting. */
    blocking: boolean;
    checkedBy: ActorRef;
  }
>;
export type DecisionMeetingHeld = Ev<
  'DecisionMeetingHeld',
  {
    caseId: string;
    meetingId: string;
    heldAt: string;
    /** Asia/Shanghai date of heldAt: R24 counts time in post from it. */
    decisionDate: string;
    entitled: number;
    /** R17: the members named by the meeting, when it named them. */
    members?: PersonRef[];
    attendees: string[];
    recused: string[];
    principalLeaderId: string;
    /** R18 */
    quorum: number;
    /** R19: agree votes needed, a majority of all entitled members. */
    majority: number;
    results: CandidateDecision[];
    recordedBy: ActorRef;
  }
>;
export type PublicNoticeStarted = Ev<
  'PublicNoticeStarted',
  {
    caseId: string;
    candidateId: string;
    startDate: string;
    /** R21: computed on the working-day calendar, never typed in. */
    endDate: string;
    workingDays: number;
    startedBy: ActorRef;
    startedAt: string;
  }
>;
export type PublicNoticeWaived = Ev<
  'PublicNoticeWaived',
  { caseId: string; candidateId: string; ground: string; waivedBy: ActorRef; waivedAt: string }
>;
export type ObjectionRecorded = Ev<
  'ObjectionRecorded',
  {
    caseId: string;
    candidateId: string;
    objectionId: string;
    receivedAt: string;
    summary: string;
    recordedBy: ActorRef;
  }
>;
export type ObjectionResolved = Ev<
  'ObjectionResolved',
  {
    caseId: string;
    candidateId: string;
    objectionId: string;
    outcome: ObjectionOutcome;
    findings: string;
    /** R22: with outcome minor; absent in events recorded before it was required. */
    reminderTalk?: ReminderTalk;
    resolvedBy: ActorRef;
    resolvedAt: string;
  }
>;
/** R22: a serious objection cancels the appointment for that candidate. */
export type AppointmentCancelled = Ev<
  'AppointmentCancelled',
  { caseId: string; candidateId: string; objectionId: string; reason: string; cancelledAt: string }
>;
export type AppointmentIssued = Ev<
  'AppointmentIssued',
  {
    caseId: string;
    candidateId: string;
    noticeDate: string;
    effectiveDate: string;
    /** R24: time in post counts from the decision date. */
    seniorityFrom: string;
    probation: boolean;
    probationEndDate: string | null;
    issuedBy: ActorRef;
    issuedAt: string;
  }
>;
export type AppointmentTalkRecorded = Ev<
  'AppointmentTalkRecorded',
  { caseId: string; candidateId: string; heldAt: string; heldBy: string; recordedBy: ActorRef }
>;
export type ProbationReviewed = Ev<
  'ProbationReviewed',
  {
    caseId: string;
    candidateId: string;
    result: 'competent' | 'incompetent';
    findings: string;
    probationEndDate: string;
    reviewedBy: ActorRef;
    reviewedAt: string;
  }
>;
export type ProbationExtended = Ev<
  'ProbationExtended',
  {
    caseId: string;
    candidateId: string;
    extendDays: number;
    previousEndDate: string;
    newEndDate: string;
    findings: string;
    extendedBy: ActorRef;
    extendedAt: string;
  }
>;
export type AppointmentConfirmed = Ev<
  'AppointmentConfirmed',
  { caseId: string; candidateId: string; afterProbation: boolean; confirmedAt: string }
>;
export type AppointmentRevoked = Ev<
  'AppointmentRevoked',
  { caseId: string; candidateId: string; reason: string; revokedAt: string }
>;
export type CandidateDropped = Ev<
  'CandidateDropped',
  { caseId: string; candidateId: string; reason: string; droppedBy: ActorRef; droppedAt: string }
>;
export type CaseWithdrawn = Ev<
  'CaseWithdrawn',
  { caseId: string; reason: string; withdrawnBy: ActorRef; withdrawnAt: string }
>;
export type CaseClosed = Ev<'CaseClosed', { caseId: string; outcome: CaseOutcome; closedAt: string }>;
export type ReminderIssued = Ev<
  'ReminderIssued',
  {
    caseId: string;
    reminderId: string;
    kind: string;
    subject: string;
    recipientRoles: Role[];
    reason: string;
    dueAt: string;
    issuedAt: string;
  }
>;

export type AppointmentEvent =
  | CaseOpened
  | InitiationApproved
  | InitiationRejected
  | RecommendationRoundRecorded
  | CandidateNominated
  | EligibilityRecorded
  | ExceptionalApprovalRecorded
  | InspectionTargetsDetermined
  | InspectionTeamFormed
  | InspectionNoticePublished
  | InspectionActivityRecorded
  | InspectionReportSubmitted
  | OpinionDrafted
  | OpinionSigned
  | CheckRecorded
  | DecisionMeetingHeld
  | PublicNoticeStarted
  | PublicNoticeWaived
  | ObjectionRecorded
  | ObjectionResolved
  | AppointmentCancelled
  | AppointmentIssued
  | AppointmentTalkRecorded
  | ProbationReviewed
  | ProbationExtended
  | AppointmentConfirmed
  | AppointmentRevoked
  | CandidateDropped
  | CaseWithdrawn
  | CaseClosed
  | ReminderIssued;

export type AppointmentEventType = AppointmentEvent['type'];

/** What evolve accepts: stored events carry more fields than type and data. */
export interface StoredEventLike {
  type: string;
  data: unknown;
}

const eventTypes: Record<AppointmentEventType, true> = {
  CaseOpened: true,
  InitiationApproved: true,
  InitiationRejected: true,
  RecommendationRoundRecorded: true,
  CandidateNominated: true,
  EligibilityRecorded: true,
  ExceptionalApprovalRecorded: true,
  InspectionTargetsDetermined: true,
  InspectionTeamFormed: true,
  InspectionNoticePublished: true,
  InspectionActivityRecorded: true,
  InspectionReportSubmitted: true,
  OpinionDrafted: true,
  OpinionSigned: true,
  CheckRecorded: true,
  DecisionMeetingHeld: true,
  PublicNoticeStarted: true,
  PublicNoticeWaived: true,
  ObjectionRecorded: true,
  ObjectionResolved: true,
  AppointmentCancelled: true,
  AppointmentIssued: true,
  AppointmentTalkRecorded: true,
  ProbationReviewed: true,
  ProbationExtended: true,
  AppointmentConfirmed: true,
  AppointmentRevoked: true,
  CandidateDropped: true,
  CaseWithdrawn: true,
  CaseClosed: true,
  ReminderIssued: true,
};

export const APPOINTMENT_EVENT_TYPES = Object.keys(eventTypes) as AppointmentEventType[];

export function isAppointmentEvent(event: StoredEventLike): event is AppointmentEvent {
  return (
    typeof event === 'object' &&
    event !== null &&
    Object.prototype.hasOwnProperty.call(eventTypes, event.type) &&
    typeof event.data === 'object' &&
    event.data !== null
  );
}
