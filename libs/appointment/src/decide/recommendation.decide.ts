import type { EligibilityFlags, ExceptionalKind } from '../appointment.commands';
import { AppointmentErrors } from '../appointment.errors';
import { disqualifyingFlags, exceptionalApprovalDeadline, requiredTurnout } from '../appointment.rules';
import { addMonths, isPlainDate as isIsoDate, shanghaiDate } from '@app/time';
import type { CandidateState } from '../appointment.state';
import type { DecideFn, Guard } from './decide-support';
import { requireRecommenderNotSuspended } from './post-appointment.decide';
import {
  actorRef,
  ensureActive,
  findCandidate,
  reasonsNonePasses,
  guardOf,
  requireCandidateStatus,
  requireInteger,
  requireNotBefore,
  requireOccurred,
  requireOneOf,
  requireText,
  requireUnique,
  STAGES_AFTER_APPROVAL,
} from './decide-support';

const RECOMMENDING = ['initiation-approved', 'recommending'] as const;

/** RecordRecommendationRound and NominateCandidate: while recommendation is open. */
export function guardRecommending(g: Guard) {
  return ensureActive(g, g.state, RECOMMENDING);
}

export const decideRecordRecommendationRound: DecideFn<'RecordRecommendationRound'> = (
  command,
  state,
  ctx,
) => {
  const open = guardRecommending(guardOf(command, state, ctx));
  const d = command.data;
  const roundId = requireText('roundId', d.roundId, 100);
  if (open.rounds.some((r) => r.roundId === roundId)) throw AppointmentErrors.duplicateId('roundId', roundId);
  const kind = requireOneOf('kind', d.kind, ['talk', 'meeting'] as const);
  const heldAt = requireOccurred('heldAt', d.heldAt, command.at, ctx);
  const eligible = requireInteger('eligible', d.eligible, 1);
  const participants = requireInteger('participants', d.participants, 0);
  if (participants > eligible)
    throw AppointmentErrors.invalid('participants', 'participants-exceed-eligible', 'R2', {
      participants,
      eligible,
    });
  if (!Array.isArray(d.results)) throw AppointmentErrors.invalid('results', 'not-a-list');
  d.results.forEach((r, i) => {
    requireText(`results[${i}].personId`, r.personId, 100);
    requireText(`results[${i}].name`, r.name, 200);
    const votes = requireInteger(`results[${i}].votes`, r.votes, 0);
    if (votes > participants)
      throw AppointmentErrors.invalid(`results[${i}].votes`, 'votes-exceed-participants', 'R2', {
        votes,
        participants,
      });
    if (r.candidateId !== undefined && !open.candidates.some((c) => c.candidateId === r.candidateId)) {
      throw AppointmentErrors.invalid(`results[${i}].candidateId`, 'candidate-not-in-case', undefined, {
        candidateId: r.candidateId,
      });
    }
  });
  requireUnique(
    'results.personId',
    d.results.map((r) => r.personId),
  );
  // R2: a meeting round below turnout is refused, not recorded as invalid.
  const required = kind === 'meeting' ? requiredTurnout(eligible, ctx.rules.recommendationTurnout) : 0;
  if (participants < required) throw AppointmentErrors.turnoutNotMet(participants, required, eligible);
  return [
    {
      type: 'RecommendationRoundRecorded',
      data: {
        caseId: open.caseId,
        roundId,
        kind,
        heldAt,
        eligible,
        participants,
        requiredParticipants: required,
        results: d.results.map((r) => ({
          ...(r.candidateId !== undefined && { candidateId: r.candidateId }),
          personId: r.personId,
          name: r.name,
          votes: r.votes,
        })),
        recordedBy: actorRef(command.actor),
        recordedAt: command.at,
      },
    },
  ];
};

/** A cadre is an adult: a birth date in the future or less than 18 years ago is a typing slip. */
const MIN_AGE_YEARS = 18;

function requireBirthDate(birthDate: string, at: string): void {
  if (!isIsoDate(birthDate)) throw AppointmentErrors.invalid('person.birthDate', 'date-format');
  const today = shanghaiDate(at);
  if (birthDate > today)
    throw AppointmentErrors.invalid('person.birthDate', 'birth-date-future', undefined, { today });
  if (addMonths(birthDate, 12 * MIN_AGE_YEARS) > today)
    throw AppointmentErrors.invalid('person.birthDate', 'birth-date-under-age', undefined, {
      minAge: MIN_AGE_YEARS,
    });
}

export const decideNominateCandidate: DecideFn<'NominateCandidate'> = (command, state, ctx) => {
  const open = guardRecommending(guardOf(command, state, ctx));
  const d = command.data;
  const candidateId = requireText('candidateId', d.candidateId, 100);
  if (open.candidates.some((c) => c.candidateId === candidateId))
    throw AppointmentErrors.duplicateId('candidateId', candidateId);
  const p = d.person;
  requireText('person.id', p?.id, 100);
  requireText('person.name', p?.name, 200);
  requireText('person.currentPost', p?.currentPost, 200);
  requireText('person.orgUnit', p?.orgUnit, 200);
  if (p.birthDate !== undefined) requireBirthDate(p.birthDate, command.at);
  // R3: 实名推荐 — who recommends is part of the record, for later accountability.
  for (const field of ['id', 'name', 'role'] as const) {
    const value = d.recommendedBy?.[field];
    if (typeof value !== 'string' || value.trim() === '')
      throw AppointmentErrors.recommenderRequired(`recommendedBy.${field}`);
  }
  requireRecommenderNotSuspended(d.recommendedBy, command.facts?.recommenderSuspendedUntil, command.at);
  const reason = requireText('reason', d.reason);
  let exceptional: { kind: ExceptionalKind; grounds: string } | undefined;
  if (d.exceptional !== undefined) {
    exceptional = {
      kind: requireOneOf('exceptional.kind', d.exceptional.kind, [
        'skip-level',
        'unrecommended',
        'other',
      ] as const),
      grounds: requireText('exceptional.grounds', d.exceptional.grounds),
    };
  }
  if (open.candidates.some((c) => c.person.id === p.id && c.status !== 'dropped'))
    throw AppointmentErrors.alreadyNominated(p);
  return [
    {
      type: 'CandidateNominated',
      data: {
        caseId: open.caseId,
        candidateId,
        person: {
          id: p.id,
          name: p.name,
          ...(p.birthDate !== undefined && { birthDate: p.birthDate }),
          currentPost: p.currentPost,
          orgUnit: p.orgUnit,
        },
        recommendedBy: { id: d.recommendedBy.id, name: d.recommendedBy.name, role: d.recommendedBy.role },
        reason,
        ...(exceptional && { exceptional }),
        nominatedBy: actorRef(command.actor),
        nominatedAt: command.at,
      },
    },
  ];
};

const FLAG_NAMES: ReadonlyArray<keyof EligibilityFlags> = [
  'politicalDiscipline',
  'lowAcceptance',
  'appraisalBasicOrLower',
  'canvassing',
  'familyEmigrated',
  'disciplinaryImpactPeriod',
];

export function guardRecordEligibility(g: Guard, candidateId: string) {
  const candidate = findCandidate(g.state, candidateId);
  const open = ensureActive(g, g.state, RECOMMENDING);
  requireCandidateStatus(candidate, ['nominated']);
  return { open, candidate };
}

export const decideRecordEligibility: DecideFn<'RecordEligibility'> = (command, state, ctx) => {
  const { open, candidate } = guardRecordEligibility(guardOf(command, state, ctx), command.data.candidateId);
  const given = command.data.flags;
  if (typeof given !== 'object' || given === null)
    throw AppointmentErrors.invalid('flags', 'flags-incomplete');
  for (const name of FLAG_NAMES) {
    if (typeof given[name] !== 'boolean')
      throw AppointmentErrors.invalid(`flags.${name}`, 'not-boolean', 'R5');
  }
  const flags = Object.fromEntries(
    FLAG_NAMES.map((name) => [name, given[name]]),
  ) as unknown as EligibilityFlags;
  return [
    {
      type: 'EligibilityRecorded',
      data: {
        caseId: open.caseId,
        candidateId: candidate.candidateId,
        flags,
        disqualifyingFlags: disqualifyingFlags(flags),
        recordedBy: actorRef(command.actor),
        recordedAt: command.at,
      },
    },
  ];
};

export function guardRecordExceptionalApproval(g: Guard, candidateId: string) {
  const candidate = findCandidate(g.state, candidateId);
  const open = ensureActive(g, g.state, STAGES_AFTER_APPROVAL);
  requireCandidateStatus(candidate, ['nominated', 'target', 'deferred']);
  if (!candidate.exceptional) throw AppointmentErrors.notExceptional(candidate);
  return { open, candidate };
}

export const decideRecordExceptionalApproval: DecideFn<'RecordExceptionalApproval'> = (
  command,
  state,
  ctx,
) => {
  const { open, candidate } = guardRecordExceptionalApproval(
    guardOf(command, state, ctx),
    command.data.candidateId,
  );
  const d = command.data;
  return [
    {
      type: 'ExceptionalApprovalRecorded',
      data: {
        caseId: open.caseId,
        candidateId: candidate.candidateId,
        approvedBy: requireText('approvedBy', d.approvedBy, 200),
        documentNo: requireText('documentNo', d.documentNo, 200),
        approvedAt: requireOccurred('approvedAt', d.approvedAt, command.at, ctx),
        recordedBy: actorRef(command.actor),
        recordedAt: command.at,
      },
    },
  ];
};

function requireTargetable(candidate: CandidateState): void {
  requireCandidateStatus(candidate, ['nominated']);
  // R5: 条例 Art. 24 — any disqualifying flag keeps the candidate out.
  if (!candidate.eligibility) throw AppointmentErrors.eligibilityNotRecorded(candidate);
  if (candidate.eligibility.disqualified)
    throw AppointmentErrors.candidateDisqualified(candidate, candidate.eligibility.disqualifyingFlags);
  // R6: skip-level and unrecommended 破格 need the higher-level approval already now.
  const ex = candidate.exceptional;
  if (ex && !ex.approval && exceptionalApprovalDeadline(ex.kind) === 'inspection-targets')
    throw AppointmentErrors.exceptionalApprovalMissing(candidate, ex.kind, 'inspection-targets');
}

/** R1, R4: targets are determined while recommending, resting on a valid round. */
export function guardDetermineInspectionTargets(g: Guard) {
  const open = ensureActive(g, g.state, ['recommending']);
  if (open.latestValidRoundAt === null) throw AppointmentErrors.recommendationMissing();
  return open;
}

/** R5, R6: why no nominated candidate can become a target now (empty when one can). */
export function targetBlockers(g: Guard): unknown[] {
  const nominated = g.state.candidates.filter((c) => c.status === 'nominated');
  return reasonsNonePasses(nominated, requireTargetable, 'candidateIds');
}

export const decideDetermineInspectionTargets: DecideFn<'DetermineInspectionTargets'> = (
  command,
  state,
  ctx,
) => {
  const open = guardDetermineInspectionTargets(guardOf(command, state, ctx));
  const d = command.data;
  if (!Array.isArray(d.candidateIds) || d.candidateIds.length === 0)
    throw AppointmentErrors.invalid('candidateIds', 'candidates-empty');
  requireUnique('candidateIds', d.candidateIds);
  const decidedAt = requireOccurred('decidedAt', d.decidedAt, command.at, ctx);
  const basis = requireText('basis', d.basis);
  const targets = d.candidateIds.map((id, i) => {
    const candidate = open.candidates.find((c) => c.candidateId === id);
    if (!candidate)
      throw AppointmentErrors.invalid(`candidateIds[${i}]`, 'candidate-not-in-case', undefined, {
        candidateId: id,
      });
    return candidate;
  });
  if (open.latestValidRoundAt === null) throw AppointmentErrors.recommendationMissing();
  requireNotBefore('decidedAt', decidedAt, { step: 'recommendation-round', at: open.latestValidRoundAt });
  // R4: recommendation results stay usable for a limited time after the latest valid round.
  const roundDate = shanghaiDate(open.latestValidRoundAt);
  const validUntil = addMonths(roundDate, ctx.rules.recommendationValidityMonths);
  const decidedDate = shanghaiDate(decidedAt);
  if (decidedDate > validUntil)
    throw AppointmentErrors.recommendationExpired(roundDate, validUntil, decidedDate);
  for (const candidate of targets) requireTargetable(candidate);
  const notSelected = open.candidates
    .filter((c) => c.status === 'nominated' && !d.candidateIds.includes(c.candidateId))
    .map((c) => c.candidateId);
  return [
    {
      type: 'InspectionTargetsDetermined',
      data: {
        caseId: open.caseId,
        candidateIds: [...d.candidateIds],
        notSelected,
        decidedAt,
        basis,
        latestRoundAt: open.latestValidRoundAt,
        recordedBy: actorRef(command.actor),
      },
    },
  ];
};
