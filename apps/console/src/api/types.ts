import type { Stage } from '../labels';

export interface ActorRef {
  id: string;
  name: string;
  role: string;
  orgUnit?: string;
}

export interface Signature {
  id: string;
  name: string;
  role: string;
  signedAs: string;
  digest: string;
  signedAt: string;
}

export interface Opinion {
  kind: 'political' | 'integrity';
  draftNo: number;
  text: string;
  digest: string;
  verdict: string;
  draftedBy: ActorRef;
  draftedAt: string;
  signatures: Signature[];
  complete: boolean;
  completedAt: string | null;
}

export interface Check {
  outcome: string;
  findings: string;
  checkedAt: string;
  checkedBy: ActorRef;
  blocking: boolean;
}

export interface Objection {
  objectionId: string;
  receivedAt: string;
  summary: string;
  status: 'open' | 'on-hold' | 'resolved';
  outcome: string | null;
  findings: string | null;
}

export interface Candidate {
  candidateId: string;
  person: { id: string; name: string; birthDate?: string; currentPost: string; orgUnit: string };
  recommendedBy: { id: string; name: string; role: string };
  reason: string;
  status: string;
  eligibility: { disqualified: boolean; disqualifyingFlags: string[] } | null;
  exceptional: { kind: string; grounds: string; approval: unknown } | null;
  activities: Array<{ activityId: string; kind: string; heldAt: string; summary: string; count?: number }>;
  report: { conclusion: string; submittedAt: string } | null;
  checks: Record<string, Check | null>;
  opinions: Record<'political' | 'integrity', Opinion | null>;
  vetoed: boolean;
  decision: { outcome: string; agree: number; disagree: number; defer: number; entitled: number } | null;
  publicNotice: { startDate: string; endDate: string } | null;
  objections: Objection[];
  appointment: { noticeDate: string; probation: boolean } | null;
  appointmentTalk: { heldAt: string; heldBy: string } | null;
  probation: { startDate: string; endDate: string; review: { result: string } | null } | null;
  dropped: { reason: string } | null;
  /** DOMAIN.md §7: absent until the first finding. */
  postAppointmentFindings?: PostAppointmentFinding[];
}

export interface PostAppointmentFinding {
  findingId: string;
  source: string;
  foundAt: string;
  summary: string;
  substantiated: boolean;
  predatesAppointment: boolean;
  sickPromotion: boolean;
  recordedAt: string;
}

export interface Deadline {
  deadlineId: string;
  kind: string;
  subject: string;
  dueAt: string;
  recipientRoles: string[];
  reason: string;
  escalationLevel: number;
}

export interface BlockedBy {
  code: string;
  rule?: string;
  message: string;
}

export interface NextAction {
  action: string;
  method: string;
  path: string;
  candidateId?: string;
  kind?: 'political' | 'integrity';
  check?: string;
  objectionId?: string;
  allowed: boolean;
  blockedBy?: BlockedBy[];
  /** todo: not done yet; redo: done, doing it again replaces the record; again: may be added to. */
  step: 'todo' | 'redo' | 'again';
  /** R16: the signatures on the current draft that a re-draft leaves behind. */
  voidsSignatures?: Array<{ id: string; name: string; signedAs: string }>;
}

export interface CaseView {
  caseId: string;
  status: 'open' | 'closed';
  stage: Stage;
  ownerOrgUnit: string;
  post: { title: string; orgUnit: string; level: string };
  seats: number;
  grounds: string;
  openedBy: ActorRef;
  openedAt: string;
  initiation: { decision: string; decidedBy: ActorRef | null; comment: string | null };
  rounds: Array<{ roundId: string; kind: string; heldAt: string; eligible: number; participants: number }>;
  inspectionTargets: { candidateIds: string[]; decidedAt: string } | null;
  team: { leader: { id: string; name: string }; members: Array<{ id: string; name: string }> } | null;
  inspectionNotice: { publishedAt: string; channel: string } | null;
  meetings: Array<{ meetingId: string; heldAt: string }>;
  candidates: Candidate[];
  withdrawal: { reason: string } | null;
  outcome?: string;
  closedFromStage?: Stage;
  updatedAt: string;
  revision: string;
  deadlines?: Deadline[];
  nextActions?: NextAction[];
}

export interface CaseListItem {
  caseId: string;
  status: string;
  stage: Stage;
  ownerOrgUnit: string;
  post: { title: string; orgUnit: string; level: string };
  candidateNames: string[];
  openedAt: string;
  updatedAt: string;
  revision: string;
  overdue: boolean;
  nextDueAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface TimelineEntry {
  revision: string;
  seq: number;
  type: string;
  title: string;
  stage: Stage;
  time: string;
  recordedAt: string;
  actor: { id: string; name: string; role: string };
  candidateId?: string;
  candidateIds: string[];
  participants: Array<{ id?: string; name?: string; role?: string; part: string }>;
  result: Record<string, unknown> | null;
  grounds: string | null;
  digest: string | null;
  signatures: Signature[];
}

export interface HistoryEvent {
  type: string;
  revision: string;
  globalPosition: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown> & {
    actor?: ActorRef;
    occurredAt?: string;
    recordedAt?: string;
    hash?: string;
  };
}

export interface InboxEntry {
  id: string;
  reminderId: string;
  caseId: string;
  kind: string;
  subject: string;
  reason: string;
  escalationLevel: number;
  dueAt: string;
  issuedAt: string;
  readAt: string | null;
  /** The case's post, as the reminder names it. */
  postTitle?: string | null;
}
