import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { type CoverageWarning, WorkingCalendarService } from '@app/calendar-store';
import { Public } from '@app/platform';
import { RemindersHealth } from '../inbox/reminders.health';
import { DependenciesHealth } from './dependencies.health';

/** Up, but something needs an operator soon (DOMAIN.md §9: the calendar's last year is ending). */
export type HealthReport =
  | HealthCheckResult
  | (Omit<HealthCheckResult, 'status'> & { status: 'degraded'; warnings: CoverageWarning[] });

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependenciesHealth,
    private readonly reminders: RemindersHealth,
    private readonly calendar: WorkingCalendarService,
  ) {}

  @Get()
  @Public()
  @SkipThrottle()
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: event store, PostgreSQL, Redis and the reminder queues; 503 when one is down; 200 `degraded` with `warnings` when the calendar nears its last covered day',
  })
  async check(): Promise<HealthReport> {
    const result = await this.health.check([
      () => this.dependencies.eventStore(),
      () => this.dependencies.postgres(),
      () => this.dependencies.redis(),
      () => this.reminders.queues(),
    ]);
    const warning = this.calendar.coverageWarning();
    if (warning === undefined || result.status !== 'ok') return result;
    return {
      ...result,
      status: 'degraded',
      warnings: [warning],
    };
  }
}
