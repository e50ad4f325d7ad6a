/**
 * Typed domain errors. The category maps to HTTP in one place (the problem-details filter):
 * validation 400, forbidden 403, not-found 404, rule 409.
 */

export type DomainErrorCategory = 'validation' | 'forbidden' | 'not-found' | 'rule';

export type RuleId = `R${number}`;

/** R28: the dated steps an occurred time is ordered after. */
export type OrderedStep =
  | 'recommendation-round'
  | 'inspection-targets'
  | 'inspection-notice'
  | 'inspection-activity'
  | 'check'
  | 'objection'
  | 'appointment';

export interface DomainErrorOptions {
  rule?: RuleId;
  details?: Record<string, unknown>;
}

export class DomainError extends Error {
  readonly rule?: RuleId;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: string,
    readonly category: DomainErrorCategory,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.rule = options.rule;
    this.details = options.details;
  }
}

export class DomainValidationError extends DomainError {
  constructor(code: string, message: string, options: DomainErrorOptions & { field: string }) {
    super(code, 'validation', message, {
      rule: options.rule,
      details: { ...options.details, field: options.field },
    });
  }
}

export class DomainForbiddenError extends DomainError {
  constructor(code: string, message: string, options: DomainErrorOptions = {}) {
    super(code, 'forbidden', message, options);
  }
}

export class DomainNotFoundError extends DomainError {
  constructor(code: string, message: string, options: DomainErrorOptions = {}) {
    super(code, 'not-found', message, options);
  }
}

export class RuleViolationError extends DomainError {
  constructor(code: string, message: string, options: DomainErrorOptions = {}) {
    super(code, 'rule', message, options);
  }
}

export const AppointmentErrorCodes = {
  INVALID_INPUT: 'APPOINTMENT.INVALID_INPUT',
  DUPLICATE_ID: 'APPOINTMENT.DUPLICATE_ID',
  CASE_NOT_FOUND: 'APPOINTMENT.CASE_NOT_FOUND',
  CANDIDATE_NOT_FOUND: 'APPOINTMENT.CANDIDATE_NOT_FOUND',
  OBJECTION_NOT_FOUND: 'APPOINTMENT.OBJECTION_NOT_FOUND',
  ROLE_NOT_ALLOWED: 'APPOINTMENT.ROLE_NOT_ALLOWED',
  ORG_UNIT_NOT_ALLOWED: 'APPOINTMENT.ORG_UNIT_NOT_ALLOWED',
  NOT_ON_TEAM: 'APPOINTMENT.NOT_ON_TEAM',
  NOT_TEAM_LEADER: 'APPOINTMENT.NOT_TEAM_LEADER',
  RECUSED: 'APPOINTMENT.RECUSED',
  SIGNER_OUT_OF_SCOPE: 'APPOINTMENT.SIGNER_OUT_OF_SCOPE',
  CASE_EXISTS: 'APPOINTMENT.CASE_EXISTS',
  CASE_CLOSED: 'APPOINTMENT.CASE_CLOSED',
  WRONG_STAGE: 'APPOINTMENT.WRONG_STAGE',
  CANDIDATE_WRONG_STATUS: 'APPOINTMENT.CANDIDATE_WRONG_STATUS',
  ALREADY_NOMINATED: 'APPOINTMENT.ALREADY_NOMINATED',
  INITIATION_NOT_APPROVED: 'APPOINTMENT.INITIATION_NOT_APPROVED',
  TURNOUT_NOT_MET: 'APPOINTMENT.TURNOUT_NOT_MET',
  RECOMMENDER_REQUIRED: 'APPOINTMENT.RECOMMENDER_REQUIRED',
  RECOMMENDATION_MISSING: 'APPOINTMENT.RECOMMENDATION_MISSING',
  RECOMMENDATION_EXPIRED: 'APPOINTMENT.RECOMMENDATION_EXPIRED',
  ELIGIBILITY_NOT_RECORDED: 'APPOINTMENT.ELIGIBILITY_NOT_RECORDED',
  CANDIDATE_DISQUALIFIED: 'APPOINTMENT.CANDIDATE_DISQUALIFIED',
  NOT_EXCEPTIONAL: 'APPOINTMENT.NOT_EXCEPTIONAL',
  EXCEPTIONAL_APPROVAL_MISSING: 'APPOINTMENT.EXCEPTIONAL_APPROVAL_MISSING',
  TEAM_TOO_SMALL: 'APPOINTMENT.TEAM_TOO_SMALL',
  TEAM_RECUSAL_CONFLICT: 'APPOINTMENT.TEAM_RECUSAL_CONFLICT',
  TEAM_NOT_FORMED: 'APPOINTMENT.TEAM_NOT_FORMED',
  INSPECTION_NOTICE_NOT_PUBLISHED: 'APPOINTMENT.INSPECTION_NOTICE_NOT_PUBLISHED',
  INSPECTION_NOTICE_ALREADY_PUBLISHED: 'APPOINTMENT.INSPECTION_NOTICE_ALREADY_PUBLISHED',
  ASSESSMENT_GRADES_REQUIRED: 'APPOINTMENT.ASSESSMENT_GRADES_REQUIRED',
  NO_INSPECTION_ACTIVITY: 'APPOINTMENT.NO_INSPECTION_ACTIVITY',
  CANDIDATE_VETOED: 'APPOINTMENT.CANDIDATE_VETOED',
  OPINION_NOT_DRAFTED: 'APPOINTMENT.OPINION_NOT_DRAFTED',
  DIGEST_MISMATCH: 'APPOINTMENT.DIGEST_MISMATCH',
  ALREADY_SIGNED: 'APPOINTMENT.ALREADY_SIGNED',
  SIGNER_ROLE_ALREADY_SIGNED: 'APPOINTMENT.SIGNER_ROLE_ALREADY_SIGNED',
  CHECK_OUTCOME_INVALID: 'APPOINTMENT.CHECK_OUTCOME_INVALID',
  CHECK_BLOCKS_CANDIDATE: 'APPOINTMENT.CHECK_BLOCKS_CANDIDATE',
  CHECK_RESULT_STANDS: 'APPOINTMENT.CHECK_RESULT_STANDS',
  NOT_READY_FOR_DECISION: 'APPOINTMENT.NOT_READY_FOR_DECISION',
  QUORUM_NOT_MET: 'APPOINTMENT.QUORUM_NOT_MET',
  SEATS_EXCEEDED: 'APPOINTMENT.SEATS_EXCEEDED',
  NOTICE_WAIVER_GROUND_REQUIRED: 'APPOINTMENT.NOTICE_WAIVER_GROUND_REQUIRED',
  OBJECTION_ALREADY_RESOLVED: 'APPOINTMENT.OBJECTION_ALREADY_RESOLVED',
  OBJECTIONS_OPEN: 'APPOINTMENT.OBJECTIONS_OPEN',
  NOTICE_NOT_ENDED: 'APPOINTMENT.NOTICE_NOT_ENDED',
  NO_PROBATION: 'APPOINTMENT.NO_PROBATION',
  APPOINTMENT_TALK_NOT_RECORDED: 'APPOINTMENT.APPOINTMENT_TALK_NOT_RECORDED',
  APPOINTMENT_TALK_ALREADY_RECORDED: 'APPOINTMENT.APPOINTMENT_TALK_ALREADY_RECORDED',
  PROBATION_NOT_ENDED: 'APPOINTMENT.PROBATION_NOT_ENDED',
  PRINCIPAL_LEADER_ABSENT: 'APPOINTMENT.PRINCIPAL_LEADER_ABSENT',
  PRINCIPAL_LEADER_RECUSED: 'APPOINTMENT.PRINCIPAL_LEADER_RECUSED',
  NOT_A_MEMBER: 'APPOINTMENT.NOT_A_MEMBER',
  DEFERRAL_CONFLICTS_WITH_MAJORITY: 'APPOINTMENT.DEFERRAL_CONFLICTS_WITH_MAJORITY',
  REMINDER_TALK_REQUIRED: 'APPOINTMENT.REMINDER_TALK_REQUIRED',
  REMINDER_TALK_MISSING: 'APPOINTMENT.REMINDER_TALK_MISSING',
  OCCURRED_IN_FUTURE: 'APPOINTMENT.OCCURRED_IN_FUTURE',
  OUT_OF_ORDER: 'APPOINTMENT.OUT_OF_ORDER',
  RECOMMENDER_SUSPENDED: 'APPOINTMENT.RECOMMENDER_SUSPENDED',
  NOT_APPOINTED: 'APPOINTMENT.NOT_APPOINTED',
} as const;
export type AppointmentErrorCode = (typeof AppointmentErrorCodes)[keyof typeof AppointmentErrorCodes];

/**
 * Why a field was refused (APPOINTMENT.INVALID_INPUT). The words for each live in the error
 * catalogue (libs/platform/src/errors/error-catalogue.ts); the parameters travel in `details`.
 */
export const INVALID_REASONS = [
  'text-required',
  'text-too-long',
  'moment-format',
  'date-format',
  'integer-min',
  'one-of',
  'listed-twice',
  'not-boolean',
  'not-a-list',
  'case-id-mismatch',
  'appointment-before-decision',
  'talk-before-appointment',
  'extend-days-without-extend',
  'attendees-exceed-entitled',
  'member-did-not-attend',
  'member-recused',
  'no-candidate-voted',
  'candidate-not-in-case',
  'votes-missing',
  'principal-leader-not-last',
  'not-on-team',
  'not-inspection-target',
  'count-required',
  'grades-sum-mismatch',
  'grades-only-for-assessment',
  'recipient-roles-empty',
  'not-a-role',
  'notice-before-decision',
  'birth-date-future',
  'birth-date-under-age',
  'no-calendar',
  'objection-before-notice',
  'digest-format',
  'participants-exceed-eligible',
  'votes-exceed-participants',
  'flags-incomplete',
  'candidates-empty',
  'reminder-talk-only-minor',
  'reminder-talk-incomplete',
  'members-exceed-entitled',
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

/** A candidate as the state knows it (the name is shown instead of the id), or just its id. */
export type CandidateRef = string | { candidateId: string; person?: { name?: string } };
/** A person with a name (an actor, a team member), or just an id. */
export type NamedRef = string | { id: string; name?: string };

const candidateParams = (candidate: CandidateRef): Record<string, unknown> =>
  typeof candidate === 'string'
    ? { candidateId: candidate }
    : { candidateId: candidate.candidateId, candidateName: candidate.person?.name };

const personParams = (person: NamedRef): Record<string, unknown> =>
  typeof person === 'string' ? { personId: person } : { personId: person.id, personName: person.name };

/** The log line of a domain error: the code and its parameters; people read the catalogue's words. */
const logText = (code: string, params: Record<string, unknown> = {}): string => {
  const shown = Object.entries(params).filter(([, v]) => v !== undefined);
  return shown.length === 0
    ? code
    : `${code} (${shown.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ')})`;
};

const C = AppointmentErrorCodes;

const rule = (code: string, details: Record<string, unknown>, ruleId?: RuleId) =>
  new RuleViolationError(code, logText(code, details), { rule: ruleId, details });
const forbidden = (code: string, details: Record<string, unknown>, ruleId?: RuleId) =>
  new DomainForbiddenError(code, logText(code, details), { rule: ruleId, details });
const notFound = (code: string, details: Record<string, unknown>) =>
  new DomainNotFoundError(code, logText(code, details), { details });
const invalidField = (code: string, field: string, details: Record<string, unknown> = {}, ruleId?: RuleId) =>
  new DomainValidationError(code, logText(code, { field, ...details }), { field, rule: ruleId, details });

/** One factory per code, so every throw site names the code once and carries the same parameters. */
export const AppointmentErrors = {
  invalid: (field: string, reason: InvalidReason, ruleId?: RuleId, params: Record<string, unknown> = {}) =>
    invalidField(C.INVALID_INPUT, field, { reason, ...params }, ruleId),
  duplicateId: (field: string, id: string) => invalidField(C.DUPLICATE_ID, field, { id }),

  caseNotFound: (caseId: string) => notFound(C.CASE_NOT_FOUND, { caseId }),
  candidateNotFound: (candidateId: string) => notFound(C.CANDIDATE_NOT_FOUND, { candidateId }),
  objectionNotFound: (objectionId: string) => notFound(C.OBJECTION_NOT_FOUND, { objectionId }),

  /**
   * `command` is the command type (`SignOpinion`); `about` narrows it (an opinion kind, a check);
   * `allowed`, where known, the roles that may do exactly that.
   */
  roleNotAllowed: (command: string, role: string, about?: string, allowed?: readonly string[]) =>
    forbidden(C.ROLE_NOT_ALLOWED, { command, role, about, allowed }),
  orgUnitNotAllowed: (command: string, orgUnit: string, required: string) =>
    forbidden(C.ORG_UNIT_NOT_ALLOWED, { command, orgUnit, required }),
  notOnTeam: (person: NamedRef) => forbidden(C.NOT_ON_TEAM, personParams(person)),
  notTeamLeader: (person: NamedRef) => forbidden(C.NOT_TEAM_LEADER, personParams(person)),
  recused: (person: NamedRef, candidate: CandidateRef) =>
    forbidden(C.RECUSED, { ...personParams(person), ...candidateParams(candidate) }, 'R7'),
  signerOutOfScope: (orgUnit: string, candidateUnit: string) =>
    forbidden(C.SIGNER_OUT_OF_SCOPE, { orgUnit, candidateUnit }),

  caseExists: (caseId: string) => rule(C.CASE_EXISTS, { caseId }),
  caseClosed: (caseId: string) => rule(C.CASE_CLOSED, { caseId }),
  wrongStage: (command: string, stage: string, expected: readonly string[]) =>
    rule(C.WRONG_STAGE, { command, stage, expected }),
  candidateWrongStatus: (
    candidate: CandidateRef,
    status: string,
    expected: readonly string[],
    ruleId?: RuleId,
  ) => rule(C.CANDIDATE_WRONG_STATUS, { ...candidateParams(candidate), status, expected }, ruleId),
  alreadyNominated: (person: NamedRef) => rule(C.ALREADY_NOMINATED, personParams(person)),

  initiationNotApproved: (command: string) => rule(C.INITIATION_NOT_APPROVED, { command }, 'R1'),
  turnoutNotMet: (participants: number, required: number, eligible: number) =>
    rule(C.TURNOUT_NOT_MET, { participants, required, eligible }, 'R2'),
  recommenderRequired: (field: string) => invalidField(C.RECOMMENDER_REQUIRED, field, {}, 'R3'),
  recommendationMissing: () => rule(C.RECOMMENDATION_MISSING, {}, 'R4'),
  recommendationExpired: (latestRoundDate: string, validUntil: string, decidedDate: string) =>
    rule(C.RECOMMENDATION_EXPIRED, { latestRoundDate, validUntil, decidedDate }, 'R4'),
  eligibilityNotRecorded: (candidate: CandidateRef) =>
    rule(C.ELIGIBILITY_NOT_RECORDED, candidateParams(candidate), 'R5'),
  candidateDisqualified: (candidate: CandidateRef, flags: string[]) =>
    rule(C.CANDIDATE_DISQUALIFIED, { ...candidateParams(candidate), flags }, 'R5'),
  notExceptional: (candidate: CandidateRef) => rule(C.NOT_EXCEPTIONAL, candidateParams(candidate), 'R6'),
  exceptionalApprovalMissing: (candidate: CandidateRef, kind: string, before: string) =>
    rule(C.EXCEPTIONAL_APPROVAL_MISSING, { ...candidateParams(candidate), kind, before }, 'R6'),

  teamTooSmall: (size: number, candidate?: CandidateRef) =>
    rule(C.TEAM_TOO_SMALL, { size, ...(candidate === undefined ? {} : candidateParams(candidate)) }, 'R7'),
  /** `conflict`: `leader` (the leader is recused from the candidate) or `self` (the candidate is on the team). */
  teamRecusalConflict: (person: NamedRef, candidate: CandidateRef, conflict: 'leader' | 'self') =>
    rule(C.TEAM_RECUSAL_CONFLICT, { ...personParams(person), ...candidateParams(candidate), conflict }, 'R7'),
  teamNotFormed: () => rule(C.TEAM_NOT_FORMED, {}, 'R7'),
  inspectionNoticeNotPublished: (details: Record<string, unknown> = {}) =>
    rule(C.INSPECTION_NOTICE_NOT_PUBLISHED, details, 'R8'),
  inspectionNoticeAlreadyPublished: () => rule(C.INSPECTION_NOTICE_ALREADY_PUBLISHED, {}, 'R8'),
  assessmentGradesRequired: () => invalidField(C.ASSESSMENT_GRADES_REQUIRED, 'grades', {}, 'R9'),
  noInspectionActivity: (candidate: CandidateRef) =>
    rule(C.NO_INSPECTION_ACTIVITY, candidateParams(candidate), 'R9'),
  candidateVetoed: (candidate: CandidateRef) => rule(C.CANDIDATE_VETOED, candidateParams(candidate), 'R10'),

  opinionNotDrafted: (candidate: CandidateRef, kind: string) =>
    rule(C.OPINION_NOT_DRAFTED, { ...candidateParams(candidate), kind }, 'R16'),
  digestMismatch: (expected: string, given: string) => rule(C.DIGEST_MISMATCH, { expected, given }, 'R16'),
  alreadySigned: (person: NamedRef) => rule(C.ALREADY_SIGNED, personParams(person), 'R16'),
  signerRoleAlreadySigned: (signedAs: string) => rule(C.SIGNER_ROLE_ALREADY_SIGNED, { signedAs }, 'R16'),
  checkOutcomeInvalid: (check: string, outcome: string, allowed: readonly string[], ruleId: RuleId) =>
    invalidField(C.CHECK_OUTCOME_INVALID, 'outcome', { check, outcome, allowed }, ruleId),
  checkBlocks: (candidate: CandidateRef, check: string, outcome: string, ruleId: RuleId) =>
    rule(C.CHECK_BLOCKS_CANDIDATE, { ...candidateParams(candidate), check, outcome }, ruleId),
  checkResultStands: (candidate: CandidateRef, check: string, outcome: string, ruleId: RuleId) =>
    rule(C.CHECK_RESULT_STANDS, { ...candidateParams(candidate), check, outcome }, ruleId),
  notReadyForDecision: (candidate: CandidateRef, missing: string[]) =>
    rule(C.NOT_READY_FOR_DECISION, { ...candidateParams(candidate), missing }, 'R15'),
  quorumNotMet: (attendees: number, required: number, entitled: number) =>
    rule(C.QUORUM_NOT_MET, { attendees, required, entitled }, 'R18'),
  seatsExceeded: (seats: number, approved: number) => rule(C.SEATS_EXCEEDED, { seats, approved }, 'R20'),
  noticeWaiverGroundRequired: () => rule(C.NOTICE_WAIVER_GROUND_REQUIRED, {}, 'R23'),
  objectionAlreadyResolved: (objectionId: string) =>
    rule(C.OBJECTION_ALREADY_RESOLVED, { objectionId }, 'R22'),
  objectionsOpen: (candidate: CandidateRef, objectionIds: string[]) =>
    rule(
      C.OBJECTIONS_OPEN,
      { ...candidateParams(candidate), objectionIds, count: objectionIds.length },
      'R22',
    ),
  noticeNotEnded: (noticeDate: string, endDate: string) =>
    rule(C.NOTICE_NOT_ENDED, { noticeDate, endDate }, 'R23'),
  noProbation: (candidate: CandidateRef) => rule(C.NO_PROBATION, candidateParams(candidate), 'R24'),
  appointmentTalkNotRecorded: (candidate: CandidateRef) =>
    rule(C.APPOINTMENT_TALK_NOT_RECORDED, candidateParams(candidate), 'R25'),
  appointmentTalkAlreadyRecorded: (candidate: CandidateRef) =>
    rule(C.APPOINTMENT_TALK_ALREADY_RECORDED, candidateParams(candidate), 'R25'),
  probationNotEnded: (candidate: CandidateRef, endDate: string, reviewDate: string) =>
    rule(C.PROBATION_NOT_ENDED, { ...candidateParams(candidate), endDate, reviewDate }, 'R26'),

  principalLeaderAbsent: (principal: NamedRef) =>
    rule(C.PRINCIPAL_LEADER_ABSENT, personParams(principal), 'R17'),
  principalLeaderRecused: (principal: NamedRef) =>
    rule(C.PRINCIPAL_LEADER_RECUSED, personParams(principal), 'R17'),
  notAMember: (field: string, member: NamedRef) =>
    invalidField(C.NOT_A_MEMBER, field, personParams(member), 'R17'),
  deferralConflictsWithMajority: (field: string, candidate: CandidateRef, agree: number, majority: number) =>
    invalidField(
      C.DEFERRAL_CONFLICTS_WITH_MAJORITY,
      field,
      { ...candidateParams(candidate), agree, majority },
      'R19',
    ),
  reminderTalkRequired: () => invalidField(C.REMINDER_TALK_REQUIRED, 'reminderTalk', {}, 'R22'),
  reminderTalkMissing: (candidate: CandidateRef, objectionIds: string[]) =>
    rule(C.REMINDER_TALK_MISSING, { ...candidateParams(candidate), objectionIds }, 'R22'),
  occurredInFuture: (field: string, value: string, now: string) =>
    invalidField(C.OCCURRED_IN_FUTURE, field, { at: value, now }, 'R28'),
  outOfOrder: (
    field: string,
    value: string,
    dependsOn: { step: OrderedStep; id?: string; candidateId?: string },
    stepAt: string,
  ) => rule(C.OUT_OF_ORDER, { field, at: value, ...dependsOn, stepAt }, 'R28'),
  notAppointed: (candidate: CandidateRef) => rule(C.NOT_APPOINTED, candidateParams(candidate)),
  recommenderSuspended: (recommender: { id: string; name: string }, suspendedUntil: string) =>
    rule(
      C.RECOMMENDER_SUSPENDED,
      { recommender: recommender.name, recommenderId: recommender.id, suspendedUntil },
      'R27',
    ),
};
