import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@app/platform';
import { RemindersHealth } from '../inbox/reminders.health';
import { DependenciesHealth } from './dependencies.health';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependenciesHealth,
    private readonly reminders: RemindersHealth,
  ) {}

  @Get()
  @Public()
  @SkipThrottle()
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: event store, PostgreSQL, Redis and the reminder queues; 503 when one is down',
  })
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.dependencies.eventStore(),
      () => this.dependencies.postgres(),
      () => this.dependencies.redis(),
      () => this.reminders.queues(),
    ]);
  }
}
