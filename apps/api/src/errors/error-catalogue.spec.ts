import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AppointmentErrorCodes, INVALID_REASONS } from '@app/appointment';
import {
  EventStoreArgumentError,
  EventStoreUnavailableError,
  IdempotencyConflictError,
  PreconditionFailedError,
  WrongExpectedRevisionError,
} from '@app/event-store';
import { ERROR_CATALOGUE, FIELD_REASONS, PROBLEM_CODES } from '@app/platform';

const ROOT = join(__dirname, '../../../..');
const CATALOGUE_FILE = 'libs/platform/src/errors/error-catalogue.ts';
const CODE_LITERAL = /(['"`])([A-Z][A-Z_]*\.[A-Z][A-Z0-9_]*)\1/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === 'node_modules' || name === 'testing' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}

/** Every error code the code defines: the registries, and any code written as a literal in apps and libs. */
function definedCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const code of Object.values(AppointmentErrorCodes)) codes.set(code, 'AppointmentErrorCodes');
  for (const code of PROBLEM_CODES) codes.set(code, 'PROBLEM_CODES');
  for (const error of [
    new WrongExpectedRevisionError('s', '0', '1'),
    new PreconditionFailedError('s', '0', '1'),
    new IdempotencyConflictError('s', 'k'),
    new EventStoreUnavailableError('down'),
    new EventStoreArgumentError('bad'),
  ]) {
    codes.set(error.code, error.name);
  }
  for (const file of [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))]) {
    const path = relative(ROOT, file);
    if (path === CATALOGUE_FILE) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(CODE_LITERAL)) {
      if (!codes.has(match[2])) codes.set(match[2], path);
    }
  }
  return codes;
}

describe('the error catalogue', () => {
  const catalogued = new Set(Object.keys(ERROR_CATALOGUE));
  const defined = definedCodes();

  it('has an entry for every error code defined in the code, and none for codes that do not exist', () => {
    const missing = [...defined.keys()].filter((code) => !catalogued.has(code));
    if (missing.length > 0) {
      throw new Error(
        `error codes without an entry in ${CATALOGUE_FILE}: ` +
          missing.map((code) => `${code} (${defined.get(code)})`).join(', '),
      );
    }
    const stale = [...catalogued].filter((code) => !defined.has(code));
    if (stale.length > 0)
      throw new Error(`catalogue entries for codes the code never uses: ${stale.join(', ')}`);
    expect(catalogued.size).toBe(defined.size);
  });

  it('gives every code a status, a well-formed rule, Chinese and English words', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      // 200: a warning that /health carries (CALENDAR.COVERAGE_ENDING), not a refusal
      const ok = entry.status === 200 || (entry.status >= 400 && entry.status < 600);
      expect({ code, ok }).toEqual({ code, ok: true });
      expect({ code, rule: entry.rule ?? 'R1' }).toEqual({
        code,
        rule: expect.stringMatching(/^R\d+(–R\d+)?$/),
      });
      expect({ code, zh: /[\u4e00-\u9fff\uff00-\uffef]/.test(entry.zh) }).toEqual({ code, zh: true });
      expect({ code, en: /^[\x20-\x7e’–≥]+$/.test(entry.en) }).toEqual({ code, en: true });
    }
  });

  it('words every reason the domain gives for refusing a field', () => {
    const missing = INVALID_REASONS.filter((reason) => FIELD_REASONS[reason] === undefined);
    expect(missing).toEqual([]);
  });

  it('uses only the template kinds the renderer knows', () => {
    const kinds = new Set(
      [...Object.values(ERROR_CATALOGUE), ...Object.values(FIELD_REASONS)].flatMap((words) =>
        [...`${words.zh} ${words.en}`.matchAll(/\{\w+:(\w+)\}/g)].map((m) => m[1]),
      ),
    );
    const known = ['field', 'reason', 'stage', 'stages', 'stageNames', 'status', 'statuses', 'role', 'roles'];
    known.push(
      'command',
      'value',
      'values',
      'date',
      'moment',
      'flags',
      'gaps',
      'before',
      'conflict',
      'list',
      'step',
      'dayList',
      'weekday',
    );
    expect([...kinds].filter((kind) => !known.includes(kind))).toEqual([]);
  });
});
