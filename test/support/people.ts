import type { Actor } from '@app/appointment/appointment.commands';

/** The organisation department that runs the cases, and the unit the candidates come from. */
export const DEPARTMENT = '市委组织部';
export const CANDIDATE_UNIT = '市发展和改革委员会';
export const OTHER_DEPARTMENT = '区委组织部';

export const people = {
  handler: { id: 'h-001', name: '王经办', role: 'handler', orgUnit: DEPARTMENT },
  otherHandler: { id: 'h-900', name: '赵经办', role: 'handler', orgUnit: OTHER_DEPARTMENT },
  committeeSecretary: { id: 'cs-001', name: '陈书记', role: 'committee-secretary', orgUnit: DEPARTMENT },
  teamLeader: { id: 'i-001', name: '刘组长', role: 'inspector', orgUnit: DEPARTMENT },
  teamMember: { id: 'i-002', name: '孙组员', role: 'inspector', orgUnit: DEPARTMENT },
  unitSecretary: { id: 'us-001', name: '周书记', role: 'unit-secretary', orgUnit: CANDIDATE_UNIT },
  disciplineSecretary: {
    id: 'ds-001',
    name: '吴组长',
    role: 'discipline-secretary',
    orgUnit: CANDIDATE_UNIT,
  },
  supervisor: { id: 'sv-001', name: '郑部长', role: 'supervisor', orgUnit: DEPARTMENT },
  auditor: { id: 'au-001', name: '冯巡视', role: 'auditor', orgUnit: '市委巡察办' },
  admin: { id: 'ad-001', name: '管理员', role: 'admin', orgUnit: DEPARTMENT },
} satisfies Record<string, Actor>;
