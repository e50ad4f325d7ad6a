import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../../..');
export const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');
const run = promisify(execFile);

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the worker when dist/ is missing or older than apps/ and libs/. tsx cannot boot Nest (it
 * emits no decorator metadata), so the process under test is the compiled worker. The two steps of
 * `npm run build` run one after the other regardless of tsc's exit code: type errors in work in
 * progress elsewhere still emit JavaScript, and tsc-alias must rewrite the `@app/*` imports.
 */
export async function ensureWorkerBuilt(): Promise<void> {
  const built = existsSync(WORKER_MAIN) ? statSync(WORKER_MAIN).mtimeMs : 0;
  if (built > Math.max(newestSource(join(ROOT, 'apps')), newestSource(join(ROOT, 'libs')))) return;
  const bin = (name: string): string => join(ROOT, 'node_modules/.bin', name);
  await run(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: ROOT }).catch(() => undefined);
  await run(bin('tsc-alias'), ['-p', 'tsconfig.build.json'], { cwd: ROOT });
  if (!existsSync(WORKER_MAIN) || statSync(WORKER_MAIN).mtimeMs <= built)
    throw new Error(`the build did not produce ${WORKER_MAIN}`);
}

export interface WorkerEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  REMINDER_WEBHOOK_URL: string;
  REMINDER_WEBHOOK_SECRET: string;
  /** Defaults to `0s` here: the suites that kill workers fire past-due deadlines at once. */
  REMINDER_BACKFILL_GRACE?: string;
}

/** `node dist/apps/worker/src/main.js` as its own process: projections and reminders, killable with SIGKILL. */
export class WorkerProcess {
  private static readonly started: WorkerProcess[] = [];
  private output = '';
  readonly exited: Promise<number | string | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  }

  static start(env: WorkerEnv): WorkerProcess {
    const child = spawn(process.execPath, [WORKER_MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        EVENT_STORE: 'postgres',
        LOG_LEVEL: 'silent',
        REMINDER_BACKFILL_GRACE: '0s',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child);
    WorkerProcess.started.push(worker);
    return worker;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the worker process did not start');
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the process wrote (empty with LOG_LEVEL=silent unless it failed to start). */
  get log(): string {
    return this.output;
  }

  /** SIGKILL: no shutdown hook runs, active jobs keep their locks until they expire. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Kills every worker process started in this test file; returns the pids that are still alive afterwards. */
  static async killAll(): Promise<number[]> {
    await Promise.all(WorkerProcess.started.map((w) => w.kill()));
    return WorkerProcess.started
      .map((w) => w.child.pid)
      .filter((pid): pid is number => pid !== undefined && processExists(pid));
  }
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
