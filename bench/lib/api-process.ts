import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../../test/support/free-port';

export interface ServiceProcess {
  pid: number;
  stop(): Promise<void>;
}

export interface ApiProcess extends ServiceProcess {
  url: string;
}

/**
 * A compiled app (`npm run build` output) as a child process: tsx cannot boot Nest (no decorator
 * metadata), and a process of its own keeps the load generator's CPU out of its measurements.
 */
function spawnService(
  entry: string,
  env: Record<string, string>,
  nodeArgs: string[],
): { child: ChildProcess; stderr: string[] } {
  if (!existsSync(entry))
    throw new Error(`${entry} not found: run \`npm run build\` first (or pass --api <path to main.js>)`);
  const stderr: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString());
    if (stderr.length > 50) stderr.shift();
  });
  return { child, stderr };
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
}

export async function startApi(
  entry: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ApiProcess> {
  const port = await freePort();
  const { child, stderr } = spawnService(entry, { ...env, PORT: String(port) }, nodeArgs);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the api exited with ${child.exitCode}: ${stderr.join('')}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the api did not become healthy within 60 s: ${stderr.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, pid: child.pid as number, stop: stopper(child) };
}

/** The worker (projections, reminders, supervision): it has no port; `ready` says when it works. */
export async function startWorker(
  entry: string,
  env: Record<string, string>,
  ready: () => Promise<boolean>,
  nodeArgs: string[] = [],
): Promise<ServiceProcess> {
  const { child, stderr } = spawnService(entry, env, nodeArgs);
  const deadline = Date.now() + 60_000;
  while (!(await ready())) {
    if (child.exitCode !== null)
      throw new Error(`the worker exited with ${child.exitCode}: ${stderr.join('')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the worker did not start within 60 s: ${stderr.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { pid: child.pid as number, stop: stopper(child) };
}
