import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../test/support/free-port';
import { type CommandTarget, type LoadResult, loadApi } from './command-load';
import { cpuAvailable, cpuPerCommand, sampleCpu } from './cpu-usage';

export interface FloorResult extends LoadResult {
  /** CPU ms per request: the bare server and PostgreSQL (and the load generator, apart). */
  cpuMsPerRequest: { server: number; postgres: number; bench: number; total: number } | null;
}

/**
 * The same load as the commands (same client, body and connections) against a bare NestJS route
 * that makes one INSERT (http-floor.server.ts): what this stack costs before any of the service's
 * own work. Run at each level of the commands section.
 */
export async function httpFloor(
  root: string,
  databaseUrl: string,
  target: CommandTarget,
  levels: readonly number[],
  seconds: number,
): Promise<FloorResult[]> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/lib/http-floor.server.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('listening')) resolve();
      });
      child.once('exit', (code) =>
        reject(new Error(`the HTTP floor server exited with ${code}: ${stderr.join('')}`)),
      );
    });
    const url = `http://127.0.0.1:${port}`;
    // Warm: connections open and the route compiled before the clock starts.
    await loadApi(url, '', target, Math.max(...levels), 1, 'HTTP floor warm-up');
    const results: FloorResult[] = [];
    for (const concurrency of levels) {
      const pids = { api: child.pid as number, worker: 0 };
      const before = cpuAvailable() ? sampleCpu(pids) : undefined;
      const load = await loadApi(url, '', target, concurrency, seconds, `HTTP floor ×${concurrency}`);
      const cpu = before ? cpuPerCommand(before, sampleCpu(pids), load.statuses['201'] ?? 0) : undefined;
      results.push({
        ...load,
        cpuMsPerRequest: cpu
          ? { server: cpu.api, postgres: cpu.postgres, bench: cpu.bench, total: cpu.total }
          : null,
      });
    }
    return results;
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }
}
