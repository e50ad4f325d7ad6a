import { Presets, SingleBar } from 'cli-progress';

/** One progress bar per phase; on a non-TTY (CI logs) it prints a line every few seconds instead. */
export function bar(label: string, total: number, unit = 'ops'): SingleBar {
  const b = new SingleBar(
    {
      format: `${label.padEnd(34)} [{bar}] {value}/{total} ${unit}  {duration_formatted}`,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    Presets.shades_classic,
  );
  b.start(total, 0);
  return b;
}

export async function phase<T>(
  label: string,
  total: number,
  unit: string,
  run: (tick: (n?: number) => void, set: (value: number) => void) => Promise<T>,
): Promise<T> {
  const b = bar(label, total, unit);
  try {
    return await run(
      (n = 1) => b.increment(n),
      (value) => b.update(value),
    );
  } finally {
    b.stop();
  }
}
