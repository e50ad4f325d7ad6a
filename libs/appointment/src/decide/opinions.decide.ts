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
import { opinionDigest } from '../appointment.rules';
import type { CandidateState, ExistingCaseState } from '../appointment.state';
import type { DecideContext, DecideFn } from './decide-support';
import {
  actorRef,
  ensureActive,
  findCandidate,
  IN_INSPECTION,
  requireCandidateStatus,
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
  if (kind === 'political') {
    if (actor.role !== 'inspector')
      throw AppointmentErrors.roleNotAllowed('DraftOpinion', actor.role, 'political');
    requireInspectorFor(actor, state, candidate.candidateId, true);
    return;
  }
  if (actor.role === 'discipline-secretary') return requireCandidateUnit(actor, candidate);
  if (actor.role !== 'handler')
    throw AppointmentErrors.roleNotAllowed('DraftOpinion', actor.role, 'integrity');
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

export const decideDraftOpinion: DecideFn<'DraftOpinion'> = (command, state) => {
  const candidate = findCandidate(state, command.data.candidateId);
  const kind = requireOneOf('kind', command.data.kind, OPINION_KINDS);
  authorizeDrafter(command.actor, kind, state, candidate);
  const open = ensureActive(command, state, STAGES_FROM_TARGETS);
  // R10: a vetoed candidate stays vetoed; the political opinion cannot be re-drafted away.
  requireCandidateStatus(candidate, IN_INSPECTION, { vetoedAllowed: kind === 'integrity' });
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

export const decideSignOpinion: DecideFn<'SignOpinion'> = (command, state, ctx) => {
  const candidate = findCandidate(state, command.data.candidateId);
  const kind = requireOneOf('kind', command.data.kind, OPINION_KINDS);
  const signedAs = signingCapacity(command.actor, kind, state, candidate, ctx);
  const open = ensureActive(command, state, STAGES_FROM_TARGETS);
  requireCandidateStatus(candidate, IN_INSPECTION, { vetoedAllowed: true });
  const digest = command.data.digest;
  if (typeof digest !== 'string' || !DIGEST.test(digest))
    throw AppointmentErrors.invalid('digest', 'digest-format', 'R16');
  // R16: a signature binds to the current draft's digest; two roles, two different persons.
  const opinion = candidate.opinions[kind];
  if (!opinion) throw AppointmentErrors.opinionNotDrafted(candidate, kind);
  if (opinion.digest !== digest) throw AppointmentErrors.digestMismatch(opinion.digest, digest);
  if (opinion.signatures.some((s) => s.id === command.actor.id))
    throw AppointmentErrors.alreadySigned(command.actor);
  if (opinion.signatures.some((s) => s.signedAs === signedAs))
    throw AppointmentErrors.signerRoleAlreadySigned(signedAs);
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
