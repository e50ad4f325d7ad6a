import type { CandidateState } from '@app/appointment/appointment.state';
import { recipientsFor } from './reminder-recipients';

const candidate = (candidateId: string, orgUnit: string, objectionIds: string[] = []): CandidateState =>
  ({
    candidateId,
    person: { id: 'p', name: '李四', currentPost: '处长', orgUnit },
    objections: objectionIds.map((objectionId) => ({ objectionId })),
  }) as unknown as CandidateState;

const state = {
  ownerOrgUnit: '市委组织部',
  candidates: [candidate('k1', '市发改委', ['o1']), candidate('k2', '市财政局')],
};

describe('recipientsFor', () => {
  it('scopes the signers to the candidate’s unit and everyone else to the case’s owner unit', () => {
    expect(
      recipientsFor({ subject: 'k2-political', recipientRoles: ['inspector', 'unit-secretary'] }, state),
    ).toEqual([
      { role: 'inspector', orgUnit: '市委组织部' },
      { role: 'unit-secretary', orgUnit: '市财政局' },
    ]);
    expect(
      recipientsFor({ subject: 'k1-discipline-opinion', recipientRoles: ['discipline-secretary'] }, state),
    ).toEqual([{ role: 'discipline-secretary', orgUnit: '市发改委' }]);
  });

  it('finds the candidate of an objection, and falls back to the owner unit for the whole case', () => {
    expect(recipientsFor({ subject: 'o1', recipientRoles: ['unit-secretary'] }, state)).toEqual([
      { role: 'unit-secretary', orgUnit: '市发改委' },
    ]);
    expect(
      recipientsFor({ subject: 'case', recipientRoles: ['handler', 'supervisor', 'handler'] }, state),
    ).toEqual([
      { role: 'handler', orgUnit: '市委组织部' },
      { role: 'supervisor', orgUnit: '市委组织部' },
    ]);
  });
});
