import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { appointmentDeciderProvider } from './appointment-decider.provider';
import { CaseCommandsService } from './case-commands.service';
import { CaseReadsService } from './case-reads.service';
import { commandControllers, commandHandlers } from './commands';
import { queryControllers, queryHandlers } from './queries';

@Module({
  imports: [CqrsModule],
  controllers: [...commandControllers, ...queryControllers],
  providers: [
    appointmentDeciderProvider,
    CaseCommandsService,
    CaseReadsService,
    ...commandHandlers,
    ...queryHandlers,
  ],
  exports: [CaseCommandsService, CaseReadsService],
})
export class CasesModule {}
