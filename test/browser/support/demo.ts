import demoPeople from '../../../apps/console/src/auth/demo-people.json';
import type { DemoPerson } from './console-harness';

const bySub = (sub: string): DemoPerson => {
  const person = (demoPeople as DemoPerson[]).find((p) => p.sub === sub);
  if (person === undefined) throw new Error(`no demo person ${sub}`);
  return person;
};

/** The demo people of the console's sign-in page, by their part in a case. */
export const demo = {
  handler: bySub('h-001'),
  committeeSecretary: bySub('cs-001'),
  teamLeader: bySub('i-001'),
  teamMember: bySub('i-002'),
  unitSecretary: bySub('us-001'),
  disciplineSecretary: bySub('ds-001'),
  supervisor: bySub('sv-001'),
  auditor: bySub('au-001'),
  admin: bySub('ad-001'),
};
