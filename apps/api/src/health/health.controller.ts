import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@app/platform';
import { DependenciesHealth } from './dependencies.health';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependenciesHealth,
  ) {}

  @Get()
  @Public()
  @SkipThrottle()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: event store, PostgreSQL and Redis; 503 when one is down' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.dependencies.eventStore(),
      () => this.dependencies.postgres(),
      () => this.dependencies.redis(),
    ]);
  }
}
