import type { AssessmentGrades, PersonRef } from '../appointment.commands';
import { requireCandidateUnit, requireInspectorFor } from '../appointment.authorization';
import { AppointmentErrors } from '../appointment.errors';
import { CHECK_OUTCOMES, CHECK_ROLES, CHECK_RULES, isBlockingOutcome } from '../appointment.rules';
import { compareMoments } from '@app/time';
import type { RecordedCheck } from '../appointment.commands';
import type { DecideFn, Guard } from './decide-support';
import {
  actorRef,
  ensureActive,
  findCandidate,
  guardOf,
  IN_INSPECTION,
  requireCandidateStatus,
  requireNoBlockingResult,
  requireInteger,
  requireNotBefore,
  requireOccurred,
  requireOneOf,
  requireText,
  requireUnique,
  STAGES_FROM_INSPECTING,
  STAGES_FROM_TARGETS,
} from './decide-support';

function person(field: string, value: PersonRef | undefined): PersonRef {
  return {
    id: requireText(`${field}.id`, value?.id, 100),
    name: requireText(`${field}.name`, value?.name, 200),
  };
}

export function guardFormInspectionTeam(g: Guard) {
  return ensureActive(g, g.state, ['inspection-targets']);
}

export const decideFormInspectionTeam: DecideFn<'FormInspectionTeam'> = (command, state, ctx) => {
  const open = guardFormInspectionTeam(guardOf(command, state, ctx));
  const d = command.data;
  const leader = person('leader', d.leader);
  if (!Array.isArray(d.members)) throw AppointmentErrors.invalid('members', 'not-a-list');
  const members = d.members.map((m, i) => person(`members[${i}]`, m)).filter((m) => m.id !== leader.id);
  requireUnique(
    'members',
    members.map((m) => m.id),
    (id) => members.find((m) => m.id === id)?.name,
  );
  const teamIds = [leader.id, ...members.map((m) => m.id)];
  // R7: at least two, one of them the leader.
  if (teamIds.length < 2) throw AppointmentErrors.teamTooSmall(teamIds.length);
  const targets = open.candidates.filter((c) => c.status === 'target');
  const recusals = (d.recusals ?? []).map((r, i) => {
    const personId = requireText(`recusals[${i}].personId`, r.personId, 100);
    const candidateId = requireText(`recusals[${i}].candidateId`, r.candidateId, 100);
    const reason = requireText(`recusals[${i}].reason`, r.reason);
    if (!teamIds.includes(personId))
      throw AppointmentErrors.invalid(`recusals[${i}].personId`, 'not-on-team', undefined, { personId });
    if (!targets.some((c) => c.candidateId === candidateId))
      throw AppointmentErrors.invalid(`recusals[${i}].candidateId`, 'not-inspection-target', undefined, {
        candidateId,
      });
    return { personId, candidateId, reason };
  });
  // R7: nobody inspects a candidate they are related to; each candidate keeps a team of two with its leader.
  for (const candidate of targets) {
    if (teamIds.includes(candidate.person.id)) {
      throw AppointmentErrors.teamRecusalConflict(candidate.person, candidate, 'self');
    }
    const recused = recusals.filter((r) => r.candidateId === candidate.candidateId).map((r) => r.personId);
    if (recused.includes(leader.id)) {
      throw AppointmentErrors.teamRecusalConflict(leader, candidate, 'leader');
    }
    const size = teamIds.filter((id) => !recused.includes(id)).length;
    if (size < 2) throw AppointmentErrors.teamTooSmall(size, candidate);
  }
  return [
    {
      type: 'InspectionTeamFormed',
      data: {
        caseId: open.caseId,
        leader,
        members,
        recusals,
        formedBy: actorRef(command.actor),
        formedAt: command.at,
      },
    },
  ];
};

export function guardPublishInspectionNotice(g: Guard) {
  const open = ensureActive(g, g.state, STAGES_FROM_INSPECTING);
  if (open.inspectionNotice) throw AppointmentErrors.inspectionNoticeAlreadyPublished();
  return open;
}

export const decidePublishInspectionNotice: DecideFn<'PublishInspectionNotice'> = (command, state, ctx) => {
  const open = guardPublishInspectionNotice(guardOf(command, state, ctx));
  const publishedAt = requireOccurred('publishedAt', command.data.publishedAt, command.at, ctx);
  requireNotBefore('publishedAt', publishedAt, {
    step: 'inspection-targets',
    at: open.inspectionTargets?.decidedAt,
  });
  return [
    {
      type: 'InspectionNoticePublished',
      data: {
        caseId: open.caseId,
        publishedAt,
        channel: requireText('channel', command.data.channel, 200),
        publishedBy: actorRef(command.actor),
      },
    },
  ];
};

const GRADE_NAMES: ReadonlyArray<keyof AssessmentGrades> = ['excellent', 'competent', 'basic', 'incompetent'];

export function guardRecordInspectionActivity(g: Guard, candidateId: string) {
  const candidate = findCandidate(g.state, candidateId);
  requireInspectorFor(g.actor, g.state, candidate.candidateId, false);
  const open = ensureActive(g, g.state, STAGES_FROM_INSPECTING);
  requireCandidateStatus(candidate, IN_INSPECTION, { vetoedAllowed: true });
  // R8: the notice comes before the first activity.
  if (!open.inspectionNotice) throw AppointmentErrors.inspectionNoticeNotPublished();
  return { open, candidate, notice: open.inspectionNotice };
}

export const decideRecordInspectionActivity: DecideFn<'RecordInspectionActivity'> = (command, state, ctx) => {
  const { open, candidate, notice } = guardRecordInspectionActivity(
    guardOf(command, state, ctx),
    command.data.candidateId,
  );
  const d = command.data;
  const activityId = requireText('activityId', d.activityId, 100);
  if (open.candidates.some((c) => c.activities.some((a) => a.activityId === activityId)))
    throw AppointmentErrors.duplicateId('activityId', activityId);
  const kind = requireOneOf('kind', d.kind, [
    'individual-talk',
    'democratic-assessment',
    'dossier-reading',
    'field-visit',
    'candidate-interview',
  ] as const);
  const heldAt = requireOccurred('heldAt', d.heldAt, command.at, ctx);
  const summary = requireText('summary', d.summary);
  if (compareMoments(heldAt, notice.publishedAt) < 0)
    throw AppointmentErrors.inspectionNoticeNotPublished({ heldAt, publishedAt: notice.publishedAt });
  // R9: talks and assessments are recorded with counts; an assessment with its grades.
  const counted = kind === 'individual-talk' || kind === 'democratic-assessment';
  if (counted && d.count === undefined)
    throw AppointmentErrors.invalid('count', 'count-required', 'R9', { kind });
  const count = d.count === undefined ? undefined : requireInteger('count', d.count, 1);
  let grades: AssessmentGrades | undefined;
  if (kind === 'democratic-assessment') {
    if (d.grades === undefined) throw AppointmentErrors.assessmentGradesRequired();
    const given = d.grades;
    grades = Object.fromEntries(
      GRADE_NAMES.map((g) => [g, requireInteger(`grades.${g}`, given[g], 0)]),
    ) as unknown as AssessmentGrades;
    const total = GRADE_NAMES.reduce((sum, g) => sum + given[g], 0);
    if (total !== count)
      throw AppointmentErrors.invalid('grades', 'grades-sum-mismatch', 'R9', {
        total,
        count,
      });
  } else if (d.grades !== undefined) {
    throw AppointmentErrors.invalid('grades', 'grades-only-for-assessment', 'R9');
  }
  return [
    {
      type: 'InspectionActivityRecorded',
      data: {
        caseId: open.caseId,
        candidateId: candidate.candidateId,
        activityId,
        kind,
        heldAt,
        summary,
        ...(count !== undefined && { count }),
        ...(grades && { grades }),
        recordedBy: actorRef(command.actor),
        recordedAt: command.at,
      },
    },
  ];
};

export function guardSubmitInspectionReport(g: Guard, candidateId: string) {
  const candidate = findCandidate(g.state, candidateId);
  requireInspectorFor(g.actor, g.state, candidate.candidateId, true);
  const open = ensureActive(g, g.state, STAGES_FROM_INSPECTING);
  requireCandidateStatus(candidate, IN_INSPECTION, { vetoedAllowed: true });
  if (candidate.activities.length === 0) throw AppointmentErrors.noInspectionActivity(candidate);
  return { open, candidate };
}

export const decideSubmitInspectionReport: DecideFn<'SubmitInspectionReport'> = (command, state, ctx) => {
  const { open, candidate } = guardSubmitInspectionReport(
    guardOf(command, state, ctx),
    command.data.candidateId,
  );
  const d = command.data;
  const conclusion = requireText('conclusion', d.conclusion);
  const strengths = requireText('strengths', d.strengths);
  const weaknesses = requireText('weaknesses', d.weaknesses);
  return [
    {
      type: 'InspectionReportSubmitted',
      data: {
        caseId: open.caseId,
        candidateId: candidate.candidateId,
        conclusion,
        strengths,
        weaknesses,
        submittedBy: actorRef(command.actor),
        submittedAt: command.at,
      },
    },
  ];
};

/** R11, R12, R14 (R13 is the integrity opinion): 凡提四必, recorded with outcome, findings and who checked. */
export function guardRecordCheck(g: Guard, candidateId: string, check: RecordedCheck) {
  const candidate = findCandidate(g.state, candidateId);
  if (g.actor.role === 'discipline-secretary') {
    if (!CHECK_ROLES[check].includes(g.actor.role))
      throw AppointmentErrors.roleNotAllowed('RecordCheck', g.actor.role, check, CHECK_ROLES[check]);
    requireCandidateUnit(g.actor, candidate);
  }
  const open = ensureActive(g, g.state, STAGES_FROM_TARGETS);
  requireCandidateStatus(candidate, IN_INSPECTION, { vetoedAllowed: true });
  requireNoBlockingResult(candidate, check);
  return { open, candidate };
}

export const decideRecordCheck: DecideFn<'RecordCheck'> = (command, state, ctx) => {
  findCandidate(state, command.data.candidateId);
  const check = requireOneOf('check', command.data.check, [
    'dossier',
    'personal-matters',
    'petitions',
  ] as const);
  const { open, candidate } = guardRecordCheck(guardOf(command, state, ctx), command.data.candidateId, check);
  const d = command.data;
  const allowed = CHECK_OUTCOMES[check];
  if (!allowed.includes(d.outcome))
    throw AppointmentErrors.checkOutcomeInvalid(check, String(d.outcome), allowed, CHECK_RULES[check]);
  const checkedAt = requireOccurred('checkedAt', d.checkedAt, command.at, ctx);
  requireNotBefore('checkedAt', checkedAt, {
    step: 'inspection-targets',
    at: open.inspectionTargets?.decidedAt,
  });
  return [
    {
      type: 'CheckRecorded',
      data: {
        caseId: open.caseId,
        candidateId: candidate.candidateId,
        check,
        outcome: d.outcome,
        findings: requireText('findings', d.findings),
        checkedAt,
        blocking: isBlockingOutcome(check, d.outcome),
        checkedBy: actorRef(command.actor),
      },
    },
  ];
};
