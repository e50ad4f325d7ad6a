import autocannon from 'autocannon';
import { phase } from './progress';
import { round, summarise, type LatencySummary } from './stats';

export interface LoadResult {
  concurrency: number;
  requests: number;
  perSecond: number;
  latency: LatencySummary;
  statuses: Record<string, number>;
  errors: number;
}

export interface CommandTarget {
  method: 'GET' | 'POST';
  path: (i: number) => string;
  body?: (i: number) => unknown;
}

/** autocannon against the api for `seconds`, recording every response time (autocannon's own histogram has no p95). */
export async function loadApi(
  url: string,
  token: string,
  target: CommandTarget,
  concurrency: number,
  seconds: number,
  label: string,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let n = 0;
  const result = await phase(label, seconds, 's', async (tick) => {
    let finish: (error: Error | null, result: autocannon.Result) => void = () => undefined;
    const finished = new Promise<autocannon.Result>((resolve, reject) => {
      finish = (error, outcome) => (error ? reject(error) : resolve(outcome));
    });
    const instance = autocannon(
      {
        url,
        connections: concurrency,
        pipelining: 1,
        duration: seconds,
        timeout: 30,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        requests: [
          {
            method: target.method,
            setupRequest: (request) => {
              const i = n++;
              return {
                ...request,
                path: target.path(i),
                body: target.body ? JSON.stringify(target.body(i)) : undefined,
              };
            },
          },
        ],
      },
      (error, outcome) => finish(error, outcome),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
    const timer = setInterval(() => tick(), 1000);
    try {
      return await finished;
    } finally {
      clearInterval(timer);
    }
  });
  return {
    concurrency,
    requests: latencies.length,
    perSecond: round(latencies.length / seconds, 0),
    latency: summarise(latencies),
    statuses,
    errors: result.errors + result.timeouts,
  };
}
