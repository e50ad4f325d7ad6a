import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { appointmentDeciderProvider } from './appointment-decider.provider';
import { CaseCommandsService } from './case-commands.service';
import { CaseReadsService } from './case-reads.service';
import { RecommenderStatusService } from './recommender-status.service';
import { commandControllers, commandHandlers } from './commands';
import { queryControllers, queryHandlers } from './queries';

@Module({
  imports: [CqrsModule],
  controllers: [...commandControllers, ...queryControllers],
  providers: [
    appointmentDeciderProvider,
    CaseCommandsService,
    CaseReadsService,
    RecommenderStatusService,
    ...commandHandlers,
    ...queryHandlers,
  ],
  exports: [CaseCommandsService, CaseReadsService, RecommenderStatusService],
})
export class CasesModule {}
