/** The fold of the two written opinions: drafts and signatures. */
import type { IntegrityVerdict } from '../appointment.commands';
import type { CandidateState, OpenCaseState, OpinionState } from '../appointment.state';
import type { EventOf } from './evolve-support';
import { touch, updateCandidate } from './evolve-support';

/** R10/R13: completing an opinion has consequences beyond the opinion itself. */
function completeOpinion(candidate: CandidateState, opinion: OpinionState): CandidateState {
  if (opinion.kind === 'political') {
    return {
      ...candidate,
      opinions: { ...candidate.opinions, political: opinion },
      vetoed: candidate.vetoed || opinion.verdict === 'unqualified',
    };
  }
  const last = opinion.signatures[opinion.signatures.length - 1];
  return {
    ...candidate,
    opinions: { ...candidate.opinions, integrity: opinion },
    checks: {
      ...candidate.checks,
      'discipline-opinion': {
        outcome: opinion.verdict as IntegrityVerdict,
        findings: opinion.text,
        checkedAt: opinion.completedAt ?? last.signedAt,
        checkedBy: opinion.draftedBy,
        blocking: opinion.verdict === 'objection',
      },
    },
  };
}

export function evolveOpinions(
  state: OpenCaseState,
  event: EventOf<'OpinionDrafted' | 'OpinionSigned'>,
): OpenCaseState {
  switch (event.type) {
    case 'OpinionDrafted': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => {
          const previous = c.opinions[d.kind];
          const opinion: OpinionState = {
            kind: d.kind,
            draftNo: (previous?.draftNo ?? 0) + 1,
            text: d.text,
            digest: d.digest,
            verdict: d.verdict,
            draftedBy: d.draftedBy,
            draftedAt: d.draftedAt,
            signatures: [],
            complete: false,
            completedAt: null,
          };
          const checks = d.kind === 'integrity' ? { ...c.checks, 'discipline-opinion': null } : c.checks;
          return { ...c, checks, opinions: { ...c.opinions, [d.kind]: opinion } };
        }),
        d.draftedAt,
      );
    }
    case 'OpinionSigned': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => {
          const opinion = c.opinions[d.kind];
          if (!opinion || opinion.digest !== d.digest) return c;
          const signatures = [...opinion.signatures, { ...d.signer, digest: d.digest, signedAt: d.signedAt }];
          const roles = new Set(signatures.map((s) => s.signedAs));
          const persons = new Set(signatures.map((s) => s.id));
          const complete = roles.size >= 2 && persons.size >= 2;
          const next: OpinionState = {
            ...opinion,
            signatures,
            complete,
            completedAt: complete ? d.signedAt : null,
          };
          return complete ? completeOpinion(c, next) : { ...c, opinions: { ...c.opinions, [d.kind]: next } };
        }),
        d.signedAt,
      );
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
