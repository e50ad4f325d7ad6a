import { Counter, Gauge, register } from 'prom-client';

function metric<M>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

/** prom-client's registry is per process; every runner shares these, labelled by projection. */
export function projectionMetrics(): {
  processed: Counter<'projection'>;
  lagEvents: Gauge<'projection'>;
  lagSeconds: Gauge<'projection'>;
} {
  return {
    processed: metric(
      'projection_events_processed_total',
      () =>
        new Counter({
          name: 'projection_events_processed_total',
          help: 'Events applied by a projection',
          labelNames: ['projection'],
        }),
    ),
    lagEvents: metric(
      'projection_lag_events',
      () =>
        new Gauge({
          name: 'projection_lag_events',
          help: 'Events appended but not yet applied by a projection',
          labelNames: ['projection'],
        }),
    ),
    lagSeconds: metric(
      'projection_lag_seconds',
      () =>
        new Gauge({
          name: 'projection_lag_seconds',
          help: 'Seconds between the newest event applied and the newest event appended (0 when caught up)',
          labelNames: ['projection'],
        }),
    ),
  };
}
