import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../../test/support/free-port';

export interface ApiProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * The compiled api (`npm run build` output) as a child process: tsx cannot boot Nest (no decorator
 * metadata), and a separate process keeps the load generator's CPU out of the api's measurements.
 */
export async function startApi(entry: string, env: Record<string, string>): Promise<ApiProcess> {
  if (!existsSync(entry))
    throw new Error(`${entry} not found: run \`npm run build\` first (or pass --api <path to main.js>)`);
  const port = await freePort();
  const stderr: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString());
    if (stderr.length > 50) stderr.shift();
  });
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
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
