/**
 * npm run verify-archive -- <一案一档.zip>
 * Checks a bundle from GET /cases/:id/archive offline: exit 0 when intact, 1 when anything is
 * broken (the first broken file or revision is named), 2 when the file cannot be read.
 */
import { readFileSync } from 'node:fs';
import { verifyArchive } from '../apps/api/src/read-models/case-archive.verifier';

async function main(): Promise<number> {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write('用法：npm run verify-archive -- <一案一档.zip>\n');
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    process.stderr.write(`无法读取 ${path}：${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const result = await verifyArchive(bytes);
  if (result.intact) {
    process.stdout.write(
      `校验通过：${path}\n  事件 ${result.events} 条，哈希链完整，各文件 sha256 与清单一致\n  链头哈希 ${result.chainHead}\n`,
    );
    return 0;
  }
  const where = [
    result.brokenFile ? `文件 ${result.brokenFile}` : '',
    result.brokenRevision !== undefined ? `history.jsonl 版本号 ${result.brokenRevision}` : '',
  ]
    .filter(Boolean)
    .join('，');
  const rest = result.problems.slice(1).map((p) => `  其他问题：${p}\n`);
  process.stdout.write(
    `校验不通过：${path}\n  首个问题：${result.problems[0]}\n${where ? `  位置：${where}\n` : ''}${rest.join('')}`,
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`校验出错：${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
