import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import type { RecordedEvent } from '@app/event-store';
import { CaseReadsService } from '../../case-reads.service';

export class GetCaseHistoryQuery extends Query<RecordedEvent[]> {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetCaseHistoryQuery)
export class GetCaseHistoryHandler implements IQueryHandler<GetCaseHistoryQuery, RecordedEvent[]> {
  constructor(private readonly reads: CaseReadsService) {}

  execute({ caseId, actor }: GetCaseHistoryQuery): Promise<RecordedEvent[]> {
    return this.reads.history(actor, caseId);
  }
}
