import type { Pool } from 'pg';
import { type AppConfig, toProblemResponse } from '@app/platform';
import { FindingsService } from './findings.service';
import { invalidPathId } from './supervision.errors';

const en = { headers: { 'accept-language': 'en' } };

describe('supervision’s refusals of path ids and cursors', () => {
  it('words a bad person id in Chinese by default and in English on request', () => {
    const error = invalidPathId('personId');
    expect(toProblemResponse(error).problem.errors).toEqual([
      {
        field: 'personId',
        label: '人员编号',
        messages: ['须为不超过 100 个字符的编号，不能含控制字符、首尾空格、不可见字符或全角字符'],
      },
    ]);
    expect(toProblemResponse(error, en).problem.errors).toEqual([
      {
        field: 'personId',
        label: '人员编号',
        messages: [
          'must be an id of at most 100 characters, without control, invisible or full-width characters or spaces at either end',
        ],
      },
    ]);
  });

  it('labels the recommender’s id as a recommender’s, not a case’s', () => {
    expect(toProblemResponse(invalidPathId('id')).problem.errors).toEqual([
      {
        field: 'id',
        label: '推荐人编号',
        messages: ['须为不超过 100 个字符的编号，不能含控制字符、首尾空格、不可见字符或全角字符'],
      },
    ]);
  });

  it('refuses a tampered findings cursor as /cases does, in either language', () => {
    const findings = new FindingsService({} as Pool, { jwtSecret: 'secret' } as AppConfig);
    const good = findings.encodeCursor(new Date('2026-01-01T00:00:00Z'), 'f-1');
    const [, signature] = good.split('.');
    const tampered = `${Buffer.from(JSON.stringify(['2026-02-01T00:00:00.000Z', 'f-1'])).toString('base64url')}.${signature}`;
    let refused: unknown;
    try {
      findings.decodeCursor(tampered);
    } catch (error) {
      refused = error;
    }
    expect(toProblemResponse(refused).problem.errors).toEqual([
      { field: 'cursor', label: '翻页标记', messages: ['须为上一页返回的 nextCursor'] },
    ]);
    expect(toProblemResponse(refused, en).problem.errors).toEqual([
      { field: 'cursor', label: '翻页标记', messages: ['must be the nextCursor of a previous page'] },
    ]);
  });
});
