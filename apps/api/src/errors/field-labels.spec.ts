import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { fieldLabel } from '@app/platform';

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
});
