/**
 * R10, R13, R16: the two written opinions and their double signatures (双签字). The political
 * opinion is drafted by the team leader and signed by the leader and the candidate's unit
 * secretary; the integrity opinion is drafted by the discipline secretary or a handler and signed
 * by the unit secretary and the discipline secretary.
 */
import type { Actor, OpinionKind } from '../appointment.commands';
import { requireCandidateUnit, requireInspectorFor } from '../appointment.authorization';
import type { SignerRole } from '../appointment.events';
import { AppointmentErrors } from '../appointment.errors';
import { DRAFTER_ROLES, opinionDigest } from '../appointment.rules';
import type { CandidateState, ExistingCaseState } from '../appointment.state';
import type { DecideContext, DecideFn, Guard } from './decide-support';
import {
  actorRef,
  ensureActive,
  findCandidate,
  guardOf,
  IN_INSPECTION,
  requireCandidateStatus,
  requireNoBlockingResult,
  requireOneOf,
  requireText,
  STAGES_FROM_TARGETS,
} from './decide-support';

const OPINION_KINDS = ['political', 'integrity'] as const;
const VERDICTS = {
  political: ['qualified', 'unqualified'],
  integrity: ['no-objection', 'objection'],
} as const;
const DIGEST = /^[0-9a-f]{64}$/;
const MAX_OPINION_LENGTH = 50_000;

function authorizeDrafter(
  actor: Actor,
  kind: OpinionKind,
  state: ExistingCaseState,
  candidate: CandidateState,
): void {
  if (!DRAFTER_ROLES[kind].includes(actor.role))
    throw AppointmentErrors.roleNotAllowed('DraftOpinion', actor.role, kind, DRAFTER_ROLES[kind]);
  if (actor.role === 'inspector') requireInspectorFor(actor, state, candidate.candidateId, true);
  if (actor.role === 'discipline-secretary') requireCandidateUnit(actor, candidate);
}

/** The capacity in which the actor signs; secretaries only for candidates of their own unit. */
function signingCapacity(
  actor: Actor,
  kind: OpinionKind,
  state: ExistingCaseState,
  candidate: CandidateState,
  ctx: DecideContext,
): SignerRole {
  let signedAs: SignerRole;
  switch (actor.role) {
    case 'inspector':
      requireInspectorFor(actor, state, candidate.candidateId, true);
      signedAs = 'inspection-leader';
      break;
    case 'unit-secretary':
    case 'discipline-secretary':
      requireCandidateUnit(actor, candidate);
      signedAs = actor.role;
      break;
    default:
      throw AppointmentErrors.roleNotAllowed('SignOpinion', actor.role, kind);
  }
  const required: readonly string[] =
    kind === 'political' ? ctx.rules.politicalSigners : ctx.rules.integritySigners;
  if (!required.includes(signedAs)) throw AppointmentErrors.roleNotAllowed('SignOpinion', signedAs, kind);
  return signedAs;
}

export function guardDraftOpinion(g: Guard, candidateId: string, kind: OpinionKind) {
  const candidate = findCandidate(g.state, candidateId);
  authorizeDrafter(g.actor, kind, g.state, candidate);
  const open = ensureActive(g, g.state, STAGES_FROM_TARGETS);
  // R10: a vetoed candidate stays vetoed; the political opinion cannot be re-drafted away.
  requireCandidateStatus(candidate, IN_INSPECTION, { vetoedAllowed: kind === 'integrity' });
  // R13: nor can a double-signed integrity objection.
  if (kind === 'integrity') requireNoBlockingResult(candidate, 'discipline-opinion');
  return { open, candidate };
}

export const decideDraftOpinion: DecideFn<'DraftOpinion'> = (command, state, ctx) => {
  findCandidate(state, command.data.candidateId);
  const kind = requireOneOf('kind', command.data.kind, OPINION_KINDS);
  const { open, candidate } = guardDraftOpinion(guardOf(command, state, ctx), command.data.candidateId, kind);
  const text = requireText('text', command.data.text, MAX_OPINION_LENGTH);
  const verdict = requireOneOf('verdict', command.data.verdict, VERDICTS[kind]);
  return [
    {
      type: 'OpinionDrafted',
      data: {
        caseId: open.caseId,
        candidateId: candidate.candidateId,
        kind,
        text,
        digest: opinionDigest(text),
        verdict,
        draftedBy: actorRef(command.actor),
        draftedAt: command.at,
      },
    },
  ];
};

/** R16: who may sign which draft; the digest signed is the request's part. */
export function guardSignOpinion(g: Guard, candidateId: string, kind: OpinionKind) {
  const candidate = findCandidate(g.state, candidateId);
  const signedAs = signingCapacity(g.actor, kind, g.state, candidate, g.ctx);
  const open = ensureActive(g, g.state, STAGES_FROM_TARGETS);
  requireCandidateStatus(candidate, IN_INSPECTION, { vetoedAllowed: true });
  const opinion = candidate.opinions[kind];
  if (!opinion) throw AppointmentErrors.opinionNotDrafted(candidate, kind);
  // R16: two roles, two different persons, on the current draft.
  if (opinion.signatures.some((s) => s.id === g.actor.id)) throw AppointmentErrors.alreadySigned(g.actor);
  if (opinion.signatures.some((s) => s.signedAs === signedAs))
    throw AppointmentErrors.signerRoleAlreadySigned(signedAs);
  return { open, candidate, opinion, signedAs };
}

export const decideSignOpinion: DecideFn<'SignOpinion'> = (command, state, ctx) => {
  findCandidate(state, command.data.candidateId);
  const kind = requireOneOf('kind', command.data.kind, OPINION_KINDS);
  const { open, candidate, opinion, signedAs } = guardSignOpinion(
    guardOf(command, state, ctx),
    command.data.candidateId,
    kind,
  );
  const digest = command.data.digest;
  if (typeof digest !== 'string' || !DIGEST.test(digest))
    throw AppointmentErrors.invalid('digest', 'digest-format', 'R16');
  // R16: a signature binds to the current draft's digest.
  if (opinion.digest !== digest) throw AppointmentErrors.digestMismatch(opinion.digest, digest);
  return [
    {
      type: 'OpinionSigned',
      data: {
        caseId: open.caseId,
        candidateId: candidate.candidateId,
        kind,
        digest,
        signer: { id: command.actor.id, name: command.actor.name, role: command.actor.role, signedAs },
        signedAt: command.at,
      },
    },
  ];
};
