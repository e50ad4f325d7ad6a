import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { Public } from '../auth/auth.decorators';

export {
  InjectMetric,
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
  makeSummaryProvider,
} from '@willsoto/nestjs-prometheus';
export type { Counter, Gauge, Histogram, Summary } from 'prom-client';

export const METRICS_PATH = '/metrics';

/** The scrape endpoint, outside authentication and the OpenAPI document. */
@Public()
@ApiExcludeController()
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  override index(
    @Res({ passthrough: true }) response: Parameters<PrometheusController['index']>[0],
  ): ReturnType<PrometheusController['index']> {
    return super.index(response);
  }
}

/** prom-client's registry is per process: a second app in the same process must not register the defaults again. */
export function defaultMetricsAlreadyRegistered(): boolean {
  return register.getSingleMetric('process_cpu_user_seconds_total') !== undefined;
}
