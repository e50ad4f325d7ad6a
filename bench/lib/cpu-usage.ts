import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time used by processes, from /proc (Linux): user + system time in ms. Sampled before and after
 * a load, it says where the CPU of each command went: the api, the worker, PostgreSQL (every
 * `postgres` process of the server, so all of its backends and background writers).
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuOfPid(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses: utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export interface CpuSample {
  api: number;
  worker: number;
  postgres: number;
  /** This process: the load generator (autocannon) and the lag sampler. */
  bench: number;
  /** PostgreSQL backends come and go; the ones seen at either sample are summed. */
  postgresByPid: Map<number, number>;
}

export const cpuAvailable = (): boolean => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
};

export function sampleCpu(pids: { api: number; worker: number }): CpuSample {
  const postgresByPid = new Map(postgresPids().map((pid) => [pid, cpuOfPid(pid)]));
  const own = process.cpuUsage();
  return {
    api: cpuOfPid(pids.api),
    worker: cpuOfPid(pids.worker),
    postgres: [...postgresByPid.values()].reduce((a, b) => a + b, 0),
    bench: (own.user + own.system) / 1000,
    postgresByPid,
  };
}

/**
 * PostgreSQL's CPU while something runs in another process whose backends come and go (the
 * rebuild's): every `postgres` process is read every quarter second and counted from its first
 * reading (0 for one that started meanwhile) to its last, so a backend that exits is missed by at
 * most its last quarter second.
 */
export class PostgresCpuWatch {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 250) {
    for (const pid of postgresPids()) this.first.set(pid, cpuOfPid(pid));
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    for (const pid of postgresPids()) {
      const ms = cpuOfPid(pid);
      if (ms > 0) this.last.set(pid, ms);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  seconds(): number {
    let ms = 0;
    for (const [pid, last] of this.last) ms += last - (this.first.get(pid) ?? 0);
    return ms / 1000;
  }
}

export interface CpuPerCommand {
  /** CPU ms per command in each process, and all together. */
  api: number;
  worker: number;
  postgres: number;
  /** PostgreSQL's share split by whose connection the backend served (its application_name). */
  postgresFor?: { api: number; worker: number; other: number };
  bench: number;
  total: number;
}

/** CPU ms per command between two samples; a backend that exited in between counts from 0 to its last sample. */
export function cpuPerCommand(
  before: CpuSample,
  after: CpuSample,
  commands: number,
  owners?: ReadonlyMap<number, string>,
): CpuPerCommand {
  let postgres = 0;
  const by = { api: 0, worker: 0, other: 0 };
  for (const [pid, ms] of after.postgresByPid) {
    const used = ms - (before.postgresByPid.get(pid) ?? 0);
    postgres += used;
    const owner = owners?.get(pid);
    by[owner === 'api' || owner === 'worker' ? owner : 'other'] += used;
  }
  const per = (ms: number) => Math.round((ms / Math.max(commands, 1)) * 100) / 100;
  const result = {
    api: per(after.api - before.api),
    worker: per(after.worker - before.worker),
    postgres: per(postgres),
    ...(owners ? { postgresFor: { api: per(by.api), worker: per(by.worker), other: per(by.other) } } : {}),
    bench: per(after.bench - before.bench),
  };
  return { ...result, total: Math.round((result.api + result.worker + result.postgres) * 100) / 100 };
}

/** The application_name each service's connections carry (PGAPPNAME), to tell their backends apart. */
export const APPLICATION_NAMES = { api: 'cadre-bench-api', worker: 'cadre-bench-worker' } as const;

/** Which service each backend of the database serves: pid → 'api' | 'worker'. */
export async function postgresOwners(pool: {
  query<R>(sql: string): Promise<{ rows: R[] }>;
}): Promise<Map<number, string>> {
  const { rows } = await pool.query<{ pid: number; application_name: string }>(
    'SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database()',
  );
  const owners = new Map<number, string>();
  for (const row of rows) {
    if (row.application_name === APPLICATION_NAMES.api) owners.set(row.pid, 'api');
    if (row.application_name === APPLICATION_NAMES.worker) owners.set(row.pid, 'worker');
  }
  return owners;
}
