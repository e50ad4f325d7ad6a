import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections';
import { ProjectionRunnersService } from './projection-runners.service';

/**
 * The projection runners of the worker. Needs PlatformModule and EventStoreModule in the app;
 * a DEADLINE_SINK provider anywhere in the app (the reminders scheduler) is picked up by token.
 */
@Module({
  imports: [ProjectionsModule],
  providers: [ProjectionRunnersService],
  exports: [ProjectionRunnersService],
})
export class ProjectionsWorkerModule {}
