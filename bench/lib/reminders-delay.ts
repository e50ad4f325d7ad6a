import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type RemindersResult =
  | {
      measured: true;
      reminders: number;
      p50Ms: number;
      p95Ms: number;
      p99Ms: number;
      maxMs: number;
      output: string;
    }
  | { measured: false; reason: string };

/**
 * Firing delay over simultaneous deadlines, measured by the reminders' own bench script
 * (bench/reminders.bench.ts: BullMQ on Redis db 15, a fresh test database) run as a child process.
 */
export async function remindersDelay(root: string, reminders: number): Promise<RemindersResult> {
  const script = join(root, 'bench/reminders.bench.ts');
  if (!existsSync(script) || !existsSync(join(root, 'libs/reminders/src/index.ts'))) {
    return {
      measured: false,
      reason: 'the reminders code (libs/reminders, bench/reminders.bench.ts) is not there',
    };
  }
  const tsx = join(root, 'node_modules/.bin/tsx');
  const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
    const chunks: string[] = [];
    const child = spawn(tsx, [script, '--reminders', String(reminders), '--deadlines', '1000'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (c: Buffer) => {
      chunks.push(c.toString());
      const line = c.toString().trim().split('\n').pop() ?? '';
      if (/reminders due at|waiting/.test(line)) process.stdout.write(`  ${line}\n`);
    });
    child.stderr.on('data', (c: Buffer) => chunks.push(c.toString()));
    child.on('exit', (code) => resolve({ code, text: chunks.join('') }));
  });
  if (output.code !== 0)
    return {
      measured: false,
      reason: `bench/reminders.bench.ts exited with ${output.code}: ${output.text.trim().split('\n').slice(-3).join(' ')}`,
    };
  const row =
    /firing delay[^\n]*?'(\d+(?:\.\d+)?) ms'[^\n]*?'(\d+(?:\.\d+)?) ms'[^\n]*?'(\d+(?:\.\d+)?) ms'[^\n]*?'(\d+(?:\.\d+)?) ms'/.exec(
      output.text,
    );
  const count = /(\d+) due in the same minute/.exec(output.text);
  if (!row)
    return {
      measured: false,
      reason: `no firing delay in the output of bench/reminders.bench.ts: ${output.text.slice(-300)}`,
    };
  return {
    measured: true,
    reminders: Number(count?.[1] ?? reminders),
    p50Ms: Number(row[1]),
    p95Ms: Number(row[2]),
    p99Ms: Number(row[3]),
    maxMs: Number(row[4]),
    output: output.text,
  };
}
