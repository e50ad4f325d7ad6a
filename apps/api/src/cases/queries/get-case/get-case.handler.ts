import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseReadsService, CaseSnapshot } from '../../case-reads.service';

export class GetCaseQuery extends Query<CaseSnapshot> {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseSnapshot> {
  constructor(private readonly reads: CaseReadsService) {}

  execute({ caseId, actor }: GetCaseQuery): Promise<CaseSnapshot> {
    return this.reads.current(actor, caseId);
  }
}
