import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/appointment/appointment.commands';
import { verifyChain } from '@app/event-store';
import { CaseReadsService } from '../../case-reads.service';

export type ChainVerification = ReturnType<typeof verifyChain>;

export class VerifyCaseQuery extends Query<ChainVerification> {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(VerifyCaseQuery)
export class VerifyCaseHandler implements IQueryHandler<VerifyCaseQuery, ChainVerification> {
  constructor(private readonly reads: CaseReadsService) {}

  async execute({ caseId, actor }: VerifyCaseQuery): Promise<ChainVerification> {
    return verifyChain(await this.reads.history(actor, caseId));
  }
}
