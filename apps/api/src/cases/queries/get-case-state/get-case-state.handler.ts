import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseReadsService, CaseSnapshot, HistoryPoint } from '../../case-reads.service';

export class GetCaseStateQuery extends Query<CaseSnapshot> {
  constructor(
    readonly caseId: string,
    readonly point: HistoryPoint,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetCaseStateQuery)
export class GetCaseStateHandler implements IQueryHandler<GetCaseStateQuery, CaseSnapshot> {
  constructor(private readonly reads: CaseReadsService) {}

  execute({ caseId, point, actor }: GetCaseStateQuery): Promise<CaseSnapshot> {
    return this.reads.at(actor, caseId, point);
  }
}
