/**
 * `npm start`: the api and the worker on the local defaults, as one process group.
 * Creates the PostgreSQL database named in DATABASE_URL when it does not exist yet, then runs
 * both apps, prefixes their output, forwards SIGINT/SIGTERM, and stops both if either exits.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '@app/platform';

async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      console.log(`[start] created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

function run(name: string): ChildProcess {
  const child = spawn(process.execPath, [join(__dirname, '..', 'apps', name, 'src', 'main.js')], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: process.env,
  });
  child.on('exit', (code, signal) => {
    console.log(`[start] ${name} exited (${signal ?? code})`);
    shutdown(code ?? 1);
  });
  return child;
}

const children: ChildProcess[] = [];
let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 12_000).unref();
  Promise.all(
    children.map(
      (c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.on('exit', resolve))),
    ),
  ).then(() => process.exit(code));
}

/** Waits until the api answers /health, then says in one line where it is and how to get a token. */
async function announceWhenReady(port: number): Promise<void> {
  const api = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  while (!stopping && Date.now() < deadline) {
    const status = await fetch(`${api}/health`).then(
      (response) => response.status,
      () => undefined,
    );
    if (status !== undefined) {
      const health = status === 200 ? '' : `（健康检查 ${status}，详见 ${api}/health）`;
      process.stdout.write(
        `[start] 已就绪${health}：控制台 ${api}/ · api ${api} · 接口文档 ${api}/docs · 获取令牌：` +
          'npm run -s token -- --role handler --sub u1 --name 张三 --org-unit 市委组织部\n',
      );
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  await ensureDatabase(config.databaseUrl);
  children.push(run('api'), run('worker'));
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  await announceWhenReady(config.port);
}

main().catch((err: Error) => {
  console.error(`[start] ${err.message}`);
  process.exit(1);
});
