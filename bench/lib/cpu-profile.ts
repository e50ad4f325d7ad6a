import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  process: string;
  file: string;
  /** Sampled time that was not idle, in ms. */
  busyMs: number;
  /** Functions by self time, as a share of the busy time; `(garbage collector)` included. */
  top: Array<{ name: string; percent: number; ms: number }>;
}

const IDLE = new Set(['(idle)', '(program)']);

/** Where the CPU went in each `.cpuprofile` of a directory (node --cpu-prof), by self time. */
export function summariseProfiles(dir: string, top: number): ProfileSummary[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => {
      const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
      const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
      const self = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const frame = byId.get(id);
        if (!frame) return;
        const where = frame.url ? ` ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : '';
        const name = `${frame.functionName || '(anonymous)'}${where}`;
        self.set(name, (self.get(name) ?? 0) + profile.timeDeltas[i] / 1000);
      });
      const busy = [...self.entries()].filter(([name]) => !IDLE.has(name));
      const busyMs = busy.reduce((sum, [, ms]) => sum + ms, 0);
      const worker = profile.nodes.some((node) => node.callFrame.url.includes('apps/worker/src'));
      return {
        process: worker ? 'worker' : 'api',
        file,
        busyMs: Math.round(busyMs),
        top: busy
          .sort((a, b) => b[1] - a[1])
          .slice(0, top)
          .map(([name, ms]) => ({
            name,
            percent: Math.round((ms / busyMs) * 1000) / 10,
            ms: Math.round(ms),
          })),
      };
    });
}
