import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const dockerDir = join(root, 'docker');

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  command?: string[] | string;
  environment?: Record<string, string> | string[];
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string };
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

function loadCompose(): ComposeFile {
  return parse(readFileSync(join(dockerDir, 'docker-compose.yml'), 'utf8')) as ComposeFile;
}

function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(
    env.map((entry) => {
      const at = entry.indexOf('=');
      return [entry.slice(0, at), entry.slice(at + 1)];
    }),
  );
}

function dependenciesOf(service: ComposeService): string[] {
  const deps = service.depends_on ?? [];
  return Array.isArray(deps) ? deps : Object.keys(deps);
}

function commandOf(service: ComposeService): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}

/** Dockerfile instructions with line continuations joined and comments dropped. */
function dockerfileInstructions(): string[] {
  return readFileSync(join(dockerDir, 'Dockerfile'), 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

/** Where `tsc -p tsconfig.build.json` emits a source file: outDir + path relative to rootDir. */
function emittedPath(source: string): string {
  const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as {
    compilerOptions?: { rootDir?: string; outDir?: string };
  };
  const base = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as {
    compilerOptions?: { outDir?: string };
  };
  const rootDir = join(root, build.compilerOptions?.rootDir ?? '.');
  const outDir = build.compilerOptions?.outDir ?? base.compilerOptions?.outDir ?? 'dist';
  return join(outDir, relative(rootDir, join(root, source))).replace(/\.ts$/, '.js');
}

function entrySourceOf(app: string): string | undefined {
  return [`apps/${app}/main.ts`, `apps/${app}/src/main.ts`].find((candidate) =>
    existsSync(join(root, candidate)),
  );
}

describe('docker/docker-compose.yml', () => {
  const compose = loadCompose();
  const services = compose.services;

  it('declares the five services', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'eventstore', 'postgres', 'redis', 'worker']);
  });

  it('runs EventStoreDB as an insecure single node without projections', () => {
    const env = environmentOf(services.eventstore);
    expect(services.eventstore.image).toMatch(/^eventstore\/eventstore:/);
    expect(env.EVENTSTORE_INSECURE).toBe('true');
    expect(env.EVENTSTORE_CLUSTER_SIZE).toBe('1');
    expect(env.EVENTSTORE_RUN_PROJECTIONS).toBe('None');
    expect(services.eventstore.healthcheck?.test).toBeDefined();
  });

  it('runs PostgreSQL 16 with a healthcheck', () => {
    expect(services.postgres.image).toBe('postgres:16');
    expect(services.postgres.healthcheck?.test).toBeDefined();
  });

  it('runs Redis 7 with AOF, noeviction and a volume', () => {
    const command = commandOf(services.redis);
    expect(services.redis.image).toBe('redis:7');
    expect(command).toMatch(/--appendonly yes/);
    expect(command).toMatch(/--maxmemory-policy noeviction/);
    const dataVolume = (services.redis.volumes ?? []).find((v) => v.endsWith(':/data'));
    expect(dataVolume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(dataVolume?.split(':')[0]);
  });

  it.each(['api', 'worker'])(
    '%s is built from docker/Dockerfile and points at the compose services',
    (name) => {
      const service = services[name];
      const env = environmentOf(service);
      expect(service.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
      expect(env.EVENT_STORE).toBe('eventstoredb');
      expect(new URL(env.EVENTSTORE_CONNECTION_STRING).hostname).toBe('eventstore');
      expect(env.EVENTSTORE_CONNECTION_STRING).toMatch(/^esdb:\/\/eventstore:2113\?tls=false$/);
      expect(new URL(env.DATABASE_URL).hostname).toBe('postgres');
      expect(new URL(env.REDIS_URL).hostname).toBe('redis');
      expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:-.{32,}\}$/);
      // NODE_ENV=production refuses to start without it.
      expect(env.REMINDER_WEBHOOK_SECRET).toMatch(/^\$\{REMINDER_WEBHOOK_SECRET:-.+\}$/);
      expect(dependenciesOf(service).sort()).toEqual(['eventstore', 'postgres', 'redis']);
    },
  );

  it('starts api on port 3000 and worker with its own entry point', () => {
    expect(commandOf(services.api)).toBe('node dist/apps/api/src/main.js');
    expect(services.api.ports).toContain('3000:3000');
    expect(commandOf(services.worker)).toBe('node dist/apps/worker/src/main.js');
    expect(services.worker.ports).toBeUndefined();
  });

  it('only depends on services that exist, and waits for their healthchecks', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of dependenciesOf(service)) {
        expect(Object.keys(services)).toContain(dependency);
        expect(services[dependency].healthcheck).toBeDefined();
        const deps = service.depends_on;
        if (deps && !Array.isArray(deps))
          expect([name, deps[dependency].condition]).toEqual([name, 'service_healthy']);
      }
    }
  });

  it('declares every named volume it mounts', () => {
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (!source.startsWith('.') && !source.startsWith('/'))
          expect(Object.keys(compose.volumes ?? {})).toContain(source);
      }
    }
  });
});

describe('docker/Dockerfile', () => {
  const instructions = dockerfileInstructions();
  const stages = instructions.filter((line) => /^FROM\s/i.test(line));

  it('is multi-stage and runs on node:20-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(instructions).toContain('ARG NODE_IMAGE=node:20-slim');
    expect(stages[stages.length - 1]).toMatch(/^FROM \$\{NODE_IMAGE\} AS runtime$/);
  });

  it('installs with npm ci, builds with npm run build, and ships production dependencies only', () => {
    const runs = instructions.filter((line) => line.startsWith('RUN '));
    expect(runs.some((line) => /npm ci(?!.*--omit=dev)/.test(line))).toBe(true);
    expect(runs.some((line) => line.includes('npm run build'))).toBe(true);
    expect(runs.some((line) => line.includes('npm ci --omit=dev'))).toBe(true);
  });

  it('runs as a non-root user', () => {
    const runtime = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]));
    const user = runtime.filter((line) => line.startsWith('USER ')).pop();
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
  });

  it('defaults to the api entry point and checks in the build stage that both entry points were emitted', () => {
    const cmd = instructions.filter((line) => line.startsWith('CMD ')).pop();
    expect(cmd).toBe('CMD ["node", "dist/apps/api/src/main.js"]');
    const buildRun = instructions.find((line) => line.startsWith('RUN ') && line.includes('npm run build'));
    expect(buildRun).toContain('test -f dist/apps/api/src/main.js');
    expect(buildRun).toContain('test -f dist/apps/worker/src/main.js');
  });

  it.each(['api', 'worker'])('the %s entry point compiles to dist/apps/<app>/src/main.js', (app) => {
    const source = entrySourceOf(app);
    expect({ app, source: source !== undefined }).toEqual({ app, source: true });
    expect({ app, emitted: emittedPath(source ?? '') }).toEqual({
      app,
      emitted: `dist/apps/${app}/src/main.js`,
    });
  });

  it('uses entry points that package.json also starts', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const compose = loadCompose();
    expect(pkg.scripts['start:api']).toBe(commandOf(compose.services.api));
    expect(pkg.scripts['start:worker']).toBe(commandOf(compose.services.worker));
  });

  it('has a BuildKit ignore file next to it that keeps node_modules and dist out of the context', () => {
    const ignoreFile = join(dockerDir, 'Dockerfile.dockerignore');
    expect(existsSync(ignoreFile)).toBe(true);
    const patterns = readFileSync(ignoreFile, 'utf8').split(/\r?\n/);
    expect(patterns).toEqual(expect.arrayContaining(['**/node_modules', 'dist', '.git']));
  });
});
