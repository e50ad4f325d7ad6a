/**
 * Typed domain errors. The category maps to HTTP in one place (the problem-details filter):
 * validation 400, forbidden 403, not-found 404, rule 409.
 */

export type DomainErrorCategory = 'validation' | 'forbidden' | 'not-found' | 'rule';

export type RuleId = `R${number}`;

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
} as const;

export type AppointmentErrorCode = (typeof AppointmentErrorCodes)[keyof typeof AppointmentErrorCodes];

const C = AppointmentErrorCodes;

/** One factory per code, so every throw site names the code once and the message reads the same. */
export const AppointmentErrors = {
  invalid: (field: string, message: string, rule?: RuleId, details?: Record<string, unknown>) =>
    new DomainValidationError(C.INVALID_INPUT, message, { field, rule, details }),
  duplicateId: (field: string, id: string) =>
    new DomainValidationError(C.DUPLICATE_ID, `${field} ${id} is already used in this case`, { field }),

  caseNotFound: (caseId: string) =>
    new DomainNotFoundError(C.CASE_NOT_FOUND, `No case ${caseId}`, { details: { caseId } }),
  candidateNotFound: (candidateId: string) =>
    new DomainNotFoundError(C.CANDIDATE_NOT_FOUND, `No candidate ${candidateId} in this case`, {
      details: { candidateId },
    }),
  objectionNotFound: (objectionId: string) =>
    new DomainNotFoundError(C.OBJECTION_NOT_FOUND, `No objection ${objectionId} for this candidate`, {
      details: { objectionId },
    }),

  roleNotAllowed: (command: string, role: string) =>
    new DomainForbiddenError(C.ROLE_NOT_ALLOWED, `Role ${role} may not ${command}`, {
      details: { command, role },
    }),
  orgUnitNotAllowed: (command: string, orgUnit: string, required: string) =>
    new DomainForbiddenError(
      C.ORG_UNIT_NOT_ALLOWED,
      `Org unit ${orgUnit} may not ${command} on a case of ${required}`,
      {
        details: { command, orgUnit, required },
      },
    ),
  notOnTeam: (personId: string) =>
    new DomainForbiddenError(C.NOT_ON_TEAM, `${personId} is not on this case's inspection team`, {
      details: { personId },
    }),
  notTeamLeader: (personId: string) =>
    new DomainForbiddenError(C.NOT_TEAM_LEADER, `${personId} is not the inspection team leader`, {
      details: { personId },
    }),
  recused: (personId: string, candidateId: string) =>
    new DomainForbiddenError(C.RECUSED, `${personId} is recused from candidate ${candidateId}`, {
      rule: 'R7',
      details: { personId, candidateId },
    }),
  signerOutOfScope: (orgUnit: string, candidateUnit: string) =>
    new DomainForbiddenError(
      C.SIGNER_OUT_OF_SCOPE,
      `A secretary of ${orgUnit} may not act for a candidate of ${candidateUnit}`,
      {
        details: { orgUnit, candidateUnit },
      },
    ),

  caseExists: (caseId: string) =>
    new RuleViolationError(C.CASE_EXISTS, `Case ${caseId} already exists`, { details: { caseId } }),
  caseClosed: (caseId: string) =>
    new RuleViolationError(C.CASE_CLOSED, `Case ${caseId} is closed`, { details: { caseId } }),
  wrongStage: (command: string, stage: string, expected: readonly string[]) =>
    new RuleViolationError(C.WRONG_STAGE, `${command} is not possible in stage ${stage}`, {
      details: { command, stage, expected },
    }),
  candidateWrongStatus: (candidateId: string, status: string, expected: readonly string[], rule?: RuleId) =>
    new RuleViolationError(C.CANDIDATE_WRONG_STATUS, `Candidate ${candidateId} is ${status}`, {
      rule,
      details: { candidateId, status, expected },
    }),
  alreadyNominated: (personId: string) =>
    new RuleViolationError(C.ALREADY_NOMINATED, `Person ${personId} is already a candidate in this case`, {
      details: { personId },
    }),

  initiationNotApproved: (command: string) =>
    new RuleViolationError(C.INITIATION_NOT_APPROVED, `${command} needs an approved initiation`, {
      rule: 'R1',
      details: { command },
    }),
  turnoutNotMet: (participants: number, required: number, eligible: number) =>
    new RuleViolationError(
      C.TURNOUT_NOT_MET,
      `${participants} of ${eligible} took part; ${required} needed`,
      {
        rule: 'R2',
        details: { participants, required, eligible },
      },
    ),
  recommenderRequired: (field: string) =>
    new DomainValidationError(C.RECOMMENDER_REQUIRED, 'A nomination must name who recommends', {
      field,
      rule: 'R3',
    }),
  recommendationMissing: () =>
    new RuleViolationError(C.RECOMMENDATION_MISSING, 'No valid recommendation round has been recorded', {
      rule: 'R4',
    }),
  recommendationExpired: (latestRoundDate: string, validUntil: string, decidedDate: string) =>
    new RuleViolationError(
      C.RECOMMENDATION_EXPIRED,
      `The latest valid round (${latestRoundDate}) was valid until ${validUntil}`,
      {
        rule: 'R4',
        details: { latestRoundDate, validUntil, decidedDate },
      },
    ),
  eligibilityNotRecorded: (candidateId: string) =>
    new RuleViolationError(
      C.ELIGIBILITY_NOT_RECORDED,
      `Eligibility of candidate ${candidateId} is not recorded`,
      {
        rule: 'R5',
        details: { candidateId },
      },
    ),
  candidateDisqualified: (candidateId: string, flags: string[]) =>
    new RuleViolationError(
      C.CANDIDATE_DISQUALIFIED,
      `Candidate ${candidateId} is disqualified: ${flags.join(', ')}`,
      {
        rule: 'R5',
        details: { candidateId, flags },
      },
    ),
  notExceptional: (candidateId: string) =>
    new RuleViolationError(C.NOT_EXCEPTIONAL, `Candidate ${candidateId} is not an exceptional promotion`, {
      rule: 'R6',
      details: { candidateId },
    }),
  exceptionalApprovalMissing: (candidateId: string, kind: string, before: string) =>
    new RuleViolationError(
      C.EXCEPTIONAL_APPROVAL_MISSING,
      `Exceptional (${kind}) candidate ${candidateId} needs approval before ${before}`,
      {
        rule: 'R6',
        details: { candidateId, kind, before },
      },
    ),

  teamTooSmall: (size: number, candidateId?: string) =>
    new RuleViolationError(C.TEAM_TOO_SMALL, `An inspection team needs at least 2 members (has ${size})`, {
      rule: 'R7',
      details: { size, candidateId },
    }),
  teamRecusalConflict: (personId: string, candidateId: string, message: string) =>
    new RuleViolationError(C.TEAM_RECUSAL_CONFLICT, message, {
      rule: 'R7',
      details: { personId, candidateId },
    }),
  teamNotFormed: () =>
    new RuleViolationError(C.TEAM_NOT_FORMED, 'No inspection team has been formed', { rule: 'R7' }),
  inspectionNoticeNotPublished: (details: Record<string, unknown> = {}) =>
    new RuleViolationError(
      C.INSPECTION_NOTICE_NOT_PUBLISHED,
      'The inspection notice must be published before inspection activities',
      {
        rule: 'R8',
        details,
      },
    ),
  inspectionNoticeAlreadyPublished: () =>
    new RuleViolationError(
      C.INSPECTION_NOTICE_ALREADY_PUBLISHED,
      'The inspection notice is already published',
      { rule: 'R8' },
    ),
  assessmentGradesRequired: () =>
    new DomainValidationError(
      C.ASSESSMENT_GRADES_REQUIRED,
      'A democratic assessment records the count per grade',
      {
        field: 'grades',
        rule: 'R9',
      },
    ),
  noInspectionActivity: (candidateId: string) =>
    new RuleViolationError(
      C.NO_INSPECTION_ACTIVITY,
      `No inspection activity recorded for candidate ${candidateId}`,
      {
        rule: 'R9',
        details: { candidateId },
      },
    ),
  candidateVetoed: (candidateId: string) =>
    new RuleViolationError(C.CANDIDATE_VETOED, `Candidate ${candidateId} was found politically unqualified`, {
      rule: 'R10',
      details: { candidateId },
    }),

  opinionNotDrafted: (candidateId: string, kind: string) =>
    new RuleViolationError(C.OPINION_NOT_DRAFTED, `No ${kind} opinion drafted for candidate ${candidateId}`, {
      rule: 'R16',
      details: { candidateId, kind },
    }),
  digestMismatch: (expected: string, given: string) =>
    new RuleViolationError(C.DIGEST_MISMATCH, 'The digest signed is not the digest of the current draft', {
      rule: 'R16',
      details: { expected, given },
    }),
  alreadySigned: (personId: string) =>
    new RuleViolationError(C.ALREADY_SIGNED, `${personId} has already signed this draft`, {
      rule: 'R16',
      details: { personId },
    }),
  signerRoleAlreadySigned: (signedAs: string) =>
    new RuleViolationError(
      C.SIGNER_ROLE_ALREADY_SIGNED,
      `The ${signedAs} signature is already on this draft`,
      {
        rule: 'R16',
        details: { signedAs },
      },
    ),
  checkOutcomeInvalid: (check: string, outcome: string, allowed: readonly string[], rule: RuleId) =>
    new DomainValidationError(C.CHECK_OUTCOME_INVALID, `${outcome} is not an outcome of the ${check} check`, {
      field: 'outcome',
      rule,
      details: { check, outcome, allowed },
    }),
  checkBlocks: (candidateId: string, check: string, outcome: string, rule: RuleId) =>
    new RuleViolationError(
      C.CHECK_BLOCKS_CANDIDATE,
      `The ${check} check (${outcome}) blocks candidate ${candidateId}`,
      {
        rule,
        details: { candidateId, check, outcome },
      },
    ),
  notReadyForDecision: (candidateId: string, missing: string[]) =>
    new RuleViolationError(
      C.NOT_READY_FOR_DECISION,
      `Candidate ${candidateId} cannot be put to the meeting: ${missing.join(', ')}`,
      {
        rule: 'R15',
        details: { candidateId, missing },
      },
    ),
  quorumNotMet: (attendees: number, required: number, entitled: number) =>
    new RuleViolationError(
      C.QUORUM_NOT_MET,
      `${attendees} of ${entitled} members attended; ${required} needed`,
      {
        rule: 'R18',
        details: { attendees, required, entitled },
      },
    ),
  seatsExceeded: (seats: number, approved: number) =>
    new RuleViolationError(C.SEATS_EXCEEDED, `${approved} approvals for ${seats} seat(s)`, {
      rule: 'R20',
      details: { seats, approved },
    }),
  noticeWaiverGroundRequired: () =>
    new RuleViolationError(
      C.NOTICE_WAIVER_GROUND_REQUIRED,
      'A public notice may be waived only with a recorded ground',
      {
        rule: 'R23',
      },
    ),
  objectionAlreadyResolved: (objectionId: string) =>
    new RuleViolationError(C.OBJECTION_ALREADY_RESOLVED, `Objection ${objectionId} is already resolved`, {
      rule: 'R22',
      details: { objectionId },
    }),
  objectionsOpen: (candidateId: string, objectionIds: string[]) =>
    new RuleViolationError(C.OBJECTIONS_OPEN, `Objections still open for candidate ${candidateId}`, {
      rule: 'R22',
      details: { candidateId, objectionIds },
    }),
  noticeNotEnded: (noticeDate: string, endDate: string) =>
    new RuleViolationError(
      C.NOTICE_NOT_ENDED,
      `The appointment notice date must be after the public notice end date ${endDate}`,
      {
        rule: 'R23',
        details: { noticeDate, endDate },
      },
    ),
  noProbation: (candidateId: string) =>
    new RuleViolationError(C.NO_PROBATION, `Candidate ${candidateId} is not on probation`, {
      rule: 'R24',
      details: { candidateId },
    }),
  appointmentTalkNotRecorded: (candidateId: string) =>
    new RuleViolationError(
      C.APPOINTMENT_TALK_NOT_RECORDED,
      `The appointment talk of candidate ${candidateId} is not recorded`,
      {
        rule: 'R25',
        details: { candidateId },
      },
    ),
  appointmentTalkAlreadyRecorded: (candidateId: string) =>
    new RuleViolationError(
      C.APPOINTMENT_TALK_ALREADY_RECORDED,
      `The appointment talk of candidate ${candidateId} is already recorded`,
      {
        rule: 'R25',
        details: { candidateId },
      },
    ),
  probationNotEnded: (candidateId: string, endDate: string, reviewDate: string) =>
    new RuleViolationError(
      C.PROBATION_NOT_ENDED,
      `Probation of candidate ${candidateId} ends on ${endDate}`,
      {
        rule: 'R26',
        details: { candidateId, endDate, reviewDate },
      },
    ),

  principalLeaderAbsent: (principalLeaderId: string) =>
    new RuleViolationError(
      C.PRINCIPAL_LEADER_ABSENT,
      `The principal leader ${principalLeaderId} did not attend the meeting`,
      { rule: 'R17', details: { principalLeaderId } },
    ),
  principalLeaderRecused: (principalLeaderId: string) =>
    new RuleViolationError(
      C.PRINCIPAL_LEADER_RECUSED,
      `The principal leader ${principalLeaderId} is recused and cannot preside over the vote`,
      { rule: 'R17', details: { principalLeaderId } },
    ),
  notAMember: (field: string, memberId: string) =>
    new DomainValidationError(C.NOT_A_MEMBER, `${memberId} is not among the members of the meeting`, {
      field,
      rule: 'R17',
      details: { memberId },
    }),
  deferralConflictsWithMajority: (field: string, candidateId: string, agree: number, majority: number) =>
    new DomainValidationError(
      C.DEFERRAL_CONFLICTS_WITH_MAJORITY,
      `Candidate ${candidateId} has ${agree} agree votes of ${majority} needed: approved, not deferred`,
      { field, rule: 'R19', details: { candidateId, agree, majority } },
    ),
  reminderTalkRequired: () =>
    new DomainValidationError(
      C.REMINDER_TALK_REQUIRED,
      'A minor finding is resolved with the reminder talk: who held it and when',
      { field: 'reminderTalk', rule: 'R22' },
    ),
  reminderTalkMissing: (candidateId: string, objectionIds: string[]) =>
    new RuleViolationError(
      C.REMINDER_TALK_MISSING,
      `The reminder talk for the minor finding(s) on candidate ${candidateId} is not recorded`,
      { rule: 'R22', details: { candidateId, objectionIds } },
    ),
  occurredInFuture: (field: string, value: string, now: string) =>
    new DomainValidationError(C.OCCURRED_IN_FUTURE, `${field} (${value}) lies in the future`, {
      field,
      rule: 'R28',
      details: { value, now },
    }),
  outOfOrder: (field: string, value: string, step: string, stepAt: string) =>
    new RuleViolationError(C.OUT_OF_ORDER, `${field} (${value}) is earlier than ${step} (${stepAt})`, {
      rule: 'R28',
      details: { field, value, step, stepAt },
    }),
};
