import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type NextAction, nextActions } from '@app/appointment';
import type { Actor } from '@app/appointment/appointment.commands';
import { loadWorkingCalendar } from '@app/calendar';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@app/platform';
import { type Deadline, openDeadlines } from '@app/reminders';
import { shanghaiTime } from '../../case-commands.service';
import { CaseReadsService, CaseSnapshot } from '../../case-reads.service';

export interface CaseView extends CaseSnapshot {
  /** The open deadlines of DOMAIN.md §3, from the same policy the reminders follow. */
  deadlines: Deadline[];
  /** What the caller can do now, or which rule blocks it (API.md, second round). */
  nextActions: NextAction[];
}

export class GetCaseQuery extends Query<CaseView> {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseView> {
  constructor(
    private readonly reads: CaseReadsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caseId, actor }: GetCaseQuery): Promise<CaseView> {
    const snapshot = await this.reads.current(actor, caseId);
    const calendar = loadWorkingCalendar(this.config);
    const deps = { calendar, rules: this.config.rules };
    return {
      ...snapshot,
      deadlines: openDeadlines(snapshot.state, deps),
      nextActions: nextActions(snapshot.state, actor, shanghaiTime(this.clock.now()), deps),
    };
  }
}
