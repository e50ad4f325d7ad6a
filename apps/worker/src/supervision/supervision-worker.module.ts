import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections';
import { SupervisionSweepService } from './supervision-sweep.service';

/** The periodic sweep of time-based supervision findings. The R27 process runs with the projections. */
@Module({
  imports: [ProjectionsModule],
  providers: [SupervisionSweepService],
})
export class SupervisionWorkerModule {}
