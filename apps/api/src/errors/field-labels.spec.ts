import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { AppointmentErrors } from '@app/appointment/appointment.errors';
import { fieldLabel, flattenValidationErrors, toProblemResponse } from '@app/platform';
import { FormInspectionTeamDto } from '../cases/commands/form-inspection-team/form-inspection-team.dto';
import { HoldDecisionMeetingDto } from '../cases/commands/hold-decision-meeting/hold-decision-meeting.dto';

const SRC = join(__dirname, '..');

function requestClasses(dir: string): Array<new () => object> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return requestClasses(path);
    if (!/\.(dto|query-params)\.ts$/.test(name)) return [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path) as Record<string, unknown>;
    return Object.values(exported).filter((v): v is new () => object => typeof v === 'function');
  });
}

describe('field labels', () => {
  it('gives every field of every request body and query a Chinese label', () => {
    const storage = getMetadataStorage();
    const unlabelled: string[] = [];
    const types = requestClasses(SRC);
    expect(types.length).toBeGreaterThan(30);
    for (const type of types) {
      const fields = new Set(
        storage.getTargetValidationMetadatas(type, '', true, false).map((m) => m.propertyName),
      );
      for (const field of fields) {
        if (fieldLabel(field, type.name) === field) unlabelled.push(`${type.name}.${field}`);
      }
    }
    expect(unlabelled).toEqual([]);
  });

  it('labels the decision meeting’s members as the meeting’s and the team’s as the team’s', async () => {
    const labels = async (type: new () => object, body: object) => {
      const errors = await validate(plainToInstance(type, body));
      return flattenValidationErrors(errors).map((e) => fieldLabel(e.field, e.scope, e.root));
    };
    expect(await labels(HoldDecisionMeetingDto, { members: [{ id: '', name: '李书记' }] })).toContain(
      '会议组成人员第1项·编号',
    );
    expect(await labels(HoldDecisionMeetingDto, { members: 'm1' })).toContain('会议组成人员');
    expect(await labels(FormInspectionTeamDto, { members: [{ id: '', name: '王组员' }] })).toContain(
      '考察组成员第1项·编号',
    );
  });

  it('labels a domain error on the meeting’s members as the meeting’s', () => {
    const decide = () => {
      const error = AppointmentErrors.invalid('members', 'listed-twice', undefined, {
        value: 'm2',
        valueName: '王副书记',
      });
      (error.details as Record<string, unknown>).command = 'HoldDecisionMeeting';
      return error;
    };
    expect(toProblemResponse(decide()).problem).toMatchObject({
      detail: '会议组成人员：重复列出了“王副书记”',
      errors: [{ field: 'members', label: '会议组成人员', messages: ['重复列出了“王副书记”'] }],
    });
  });
});
