/** R15, R17–R20: the committee meeting that votes on each candidate (讨论决定). */
import type { PersonRef, Vote } from '../appointment.commands';
import type { CandidateDecision } from '../appointment.events';
import { AppointmentErrors } from '../appointment.errors';
import {
  decisionReadiness,
  requiredMajority,
  requiredQuorum,
  SEAT_HOLDING_STATUSES,
} from '../appointment.rules';
import type { CandidateState } from '../appointment.state';
import { RECORDED_CHECKS } from '../appointment.rules';
import { shanghaiDate } from '@app/time';
import type { DecideFn, Guard } from './decide-support';
import {
  actorRef,
  ensureActive,
  reasonsNonePasses,
  guardOf,
  IN_INSPECTION,
  requireCandidateStatus,
  requireInteger,
  requireNotBefore,
  requireOccurred,
  requireOneOf,
  requireText,
  requireUnique,
  STAGES_FROM_INSPECTING,
} from './decide-support';

const VOTES: readonly Vote[] = ['agree', 'disagree', 'defer'];

/** R15 (with R10, R11–R14 and R6 named by their own codes). */
function requireReady(candidate: CandidateState): void {
  requireCandidateStatus(candidate, IN_INSPECTION);
  const readiness = decisionReadiness(candidate);
  const blocking = readiness.blocking[0];
  if (blocking)
    throw AppointmentErrors.checkBlocks(candidate, blocking.check, blocking.outcome, blocking.rule);
  if (readiness.missing.includes('exceptional-approval') && candidate.exceptional) {
    throw AppointmentErrors.exceptionalApprovalMissing(
      candidate,
      candidate.exceptional.kind,
      'decision-meeting',
    );
  }
  if (readiness.missing.length > 0) throw AppointmentErrors.notReadyForDecision(candidate, readiness.missing);
}

export function guardHoldDecisionMeeting(g: Guard) {
  return ensureActive(g, g.state, STAGES_FROM_INSPECTING);
}

/** R15 (with R6, R10, R11–R14): why no candidate can be put to the meeting (empty when one can). */
export function meetingBlockers(g: Guard): unknown[] {
  const waiting = g.state.candidates.filter((c) => IN_INSPECTION.includes(c.status));
  return reasonsNonePasses(waiting, requireReady, 'votes');
}

/** R17: the members named, when the meeting names them. */
function meetingMembers(value: unknown, entitled: number): PersonRef[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw AppointmentErrors.invalid('members', 'not-a-list', 'R17');
  const members = value.map((m: Partial<PersonRef> | null, i) => ({
    id: requireText(`members[${i}].id`, m?.id, 100),
    name: requireText(`members[${i}].name`, m?.name, 200),
  }));
  requireUnique(
    'members',
    members.map((m) => m.id),
    (id) => members.find((m) => m.id === id)?.name,
  );
  if (members.length > entitled) {
    throw AppointmentErrors.invalid('members', 'members-exceed-entitled', 'R17', {
      members: members.length,
      entitled,
    });
  }
  return members;
}

export const decideHoldDecisionMeeting: DecideFn<'HoldDecisionMeeting'> = (command, state, ctx) => {
  const open = guardHoldDecisionMeeting(guardOf(command, state, ctx));
  const d = command.data;
  const meetingId = requireText('meetingId', d.meetingId, 100);
  if (open.meetings.some((m) => m.meetingId === meetingId))
    throw AppointmentErrors.duplicateId('meetingId', meetingId);
  const heldAt = requireOccurred('heldAt', d.heldAt, command.at, ctx);
  const entitled = requireInteger('entitled', d.entitled, 1);
  const members = meetingMembers(d.members, entitled);
  const requireMember = (field: string, id: string) => {
    if (members && !members.some((m) => m.id === id)) throw AppointmentErrors.notAMember(field, id);
  };
  // the members' names, where the meeting lists them, name them in what is refused
  const nameOf = (id: string): string | undefined => members?.find((m) => m.id === id)?.name;
  const member = (id: string) => ({ id, name: nameOf(id) });
  if (!Array.isArray(d.attendees)) throw AppointmentErrors.invalid('attendees', 'not-a-list');
  d.attendees.forEach((a, i) => {
    requireText(`attendees[${i}]`, a, 100);
    requireMember(`attendees[${i}]`, a);
  });
  requireUnique('attendees', d.attendees, nameOf);
  if (d.attendees.length > entitled) {
    throw AppointmentErrors.invalid('attendees', 'attendees-exceed-entitled', 'R17', {
      attendees: d.attendees.length,
      entitled,
    });
  }
  const recused = d.recused ?? [];
  if (!Array.isArray(recused)) throw AppointmentErrors.invalid('recused', 'not-a-list');
  requireUnique('recused', recused, nameOf);
  recused.forEach((id, i) => {
    requireMember(`recused[${i}]`, id);
    if (!d.attendees.includes(id))
      throw AppointmentErrors.invalid(`recused[${i}]`, 'member-did-not-attend', 'R17', {
        memberId: id,
        memberName: nameOf(id),
      });
  });
  const principalLeaderId = requireText('principalLeaderId', d.principalLeaderId, 100);
  requireMember('principalLeaderId', principalLeaderId);
  // R17 (completed): the principal leader attends, votes, and votes last.
  if (!d.attendees.includes(principalLeaderId))
    throw AppointmentErrors.principalLeaderAbsent(member(principalLeaderId));
  if (recused.includes(principalLeaderId))
    throw AppointmentErrors.principalLeaderRecused(member(principalLeaderId));
  if (!Array.isArray(d.votes) || d.votes.length === 0)
    throw AppointmentErrors.invalid('votes', 'no-candidate-voted', 'R17');
  requireUnique(
    'votes.candidateId',
    d.votes.map((v) => v.candidateId),
    (id) => open.candidates.find((c) => c.candidateId === id)?.person.name,
  );
  const voters = d.attendees.filter((id) => !recused.includes(id));
  const items = d.votes.map((item, i) => {
    const field = `votes[${i}]`;
    const candidate = open.candidates.find((c) => c.candidateId === item.candidateId);
    if (!candidate)
      throw AppointmentErrors.invalid(`${field}.candidateId`, 'candidate-not-in-case', undefined, {
        candidateId: item.candidateId,
      });
    if (!Array.isArray(item.ballots)) throw AppointmentErrors.invalid(`${field}.ballots`, 'not-a-list');
    // R17: each attending member votes once per candidate; nobody else does.
    if (item.deferred !== undefined && typeof item.deferred !== 'boolean')
      throw AppointmentErrors.invalid(`${field}.deferred`, 'not-boolean', 'R19');
    item.ballots.forEach((b, j) => {
      requireMember(`${field}.ballots[${j}].memberId`, b.memberId);
      if (!d.attendees.includes(b.memberId))
        throw AppointmentErrors.invalid(`${field}.ballots[${j}].memberId`, 'member-did-not-attend', 'R17', {
          memberId: b.memberId,
          memberName: nameOf(b.memberId),
        });
      if (recused.includes(b.memberId))
        throw AppointmentErrors.invalid(`${field}.ballots[${j}].memberId`, 'member-recused', 'R17', {
          memberId: b.memberId,
          memberName: nameOf(b.memberId),
        });
      requireOneOf(`${field}.ballots[${j}].vote`, b.vote, VOTES);
    });
    requireUnique(
      `${field}.ballots`,
      item.ballots.map((b) => b.memberId),
      nameOf,
    );
    const missing = voters.filter((id) => !item.ballots.some((b) => b.memberId === id));
    if (missing.length > 0)
      throw AppointmentErrors.invalid(`${field}.ballots`, 'votes-missing', 'R17', {
        missing,
        ...(members && { missingNames: missing.map((id) => nameOf(id) ?? id) }),
        candidateId: candidate.candidateId,
        candidateName: candidate.person.name,
      });
    // R17: the principal leader's vote is recorded last (末位表态).
    const leaderIndex = item.ballots.findIndex((b) => b.memberId === principalLeaderId);
    if (leaderIndex >= 0 && leaderIndex !== item.ballots.length - 1) {
      throw AppointmentErrors.invalid(`${field}.ballots`, 'principal-leader-not-last', 'R17', {
        candidateId: candidate.candidateId,
        candidateName: candidate.person.name,
      });
    }
    return { candidate, ballots: item.ballots, deferred: item.deferred === true, field };
  });
  // R18: quorum of the members entitled to attend.
  const quorum = requiredQuorum(entitled, ctx.rules.decisionQuorum);
  if (d.attendees.length < quorum) throw AppointmentErrors.quorumNotMet(d.attendees.length, quorum, entitled);
  for (const { candidate } of items) requireReady(candidate);
  // R28: the meeting comes after the notice and every activity and check of those it decides.
  requireNotBefore('heldAt', heldAt, { step: 'inspection-notice', at: open.inspectionNotice?.publishedAt });
  for (const { candidate } of items) {
    for (const activity of candidate.activities)
      requireNotBefore('heldAt', heldAt, {
        step: 'inspection-activity',
        at: activity.heldAt,
        id: activity.activityId,
        candidateId: candidate.candidateId,
      });
    for (const check of RECORDED_CHECKS)
      requireNotBefore('heldAt', heldAt, {
        step: 'check',
        at: candidate.checks[check]?.checkedAt,
        id: check,
        candidateId: candidate.candidateId,
      });
  }
  // R19: a majority of all members entitled to attend, not of those present.
  const majority = requiredMajority(entitled);
  const results: CandidateDecision[] = items.map(({ candidate, ballots, deferred, field }) => {
    const count = (vote: Vote) => ballots.filter((b) => b.vote === vote).length;
    const agree = count('agree');
    const disagree = count('disagree');
    const defer = count('defer');
    // R19 (completed): deferral is the meeting's resolution, never inferred from the ballots.
    if (deferred && agree >= majority)
      throw AppointmentErrors.deferralConflictsWithMajority(`${field}.deferred`, candidate, agree, majority);
    const outcome = agree >= majority ? 'approved' : deferred ? 'deferred' : 'rejected';
    return {
      candidateId: candidate.candidateId,
      ballots: ballots.map((b) => ({ memberId: b.memberId, vote: b.vote })),
      agree,
      disagree,
      defer,
      deferred,
      outcome,
    };
  });
  // R20: never more approvals than seats.
  const holding = open.candidates.filter((c) => SEAT_HOLDING_STATUSES.includes(c.status)).length;
  const approved = holding + results.filter((r) => r.outcome === 'approved').length;
  if (approved > open.seats) throw AppointmentErrors.seatsExceeded(open.seats, approved);
  return [
    {
      type: 'DecisionMeetingHeld',
      data: {
        caseId: open.caseId,
        meetingId,
        heldAt,
        decisionDate: shanghaiDate(heldAt),
        entitled,
        ...(members && { members }),
        attendees: [...d.attendees],
        recused: [...recused],
        principalLeaderId,
        quorum,
        majority,
        results,
        recordedBy: actorRef(command.actor),
      },
    },
  ];
};
