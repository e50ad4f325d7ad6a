import { Body, Controller, Get, HttpCode, Inject, Optional, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/appointment/appointment.commands';
import { WorkingCalendarService } from '@app/calendar-store';
import { CLOCK, type Clock, CurrentActor, NoFieldsPipe } from '@app/platform';
import { type InboxEntry, InboxRepository } from '@app/reminders';
import { InboxEntryNotFoundError } from './inbox.errors';
import { InboxQueryParams } from './inbox.query-params';
import { MarkAllReadDto } from './mark-all-read.dto';
import { UuidParam } from '../cases/http/path-params';

const DEFAULT_LIMIT = 50;
const NO_FIELDS = { required: false, description: 'no fields: no body, or `{}`', schema: { type: 'object' } };

/** The caller's reminders and escalations: entries addressed to their role in their org unit. */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly inbox: InboxRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly calendar?: WorkingCalendarService,
  ) {}

  private get calendarLastYear(): number | undefined {
    return this.calendar?.live.coverage.lastYear;
  }

  @Get()
  @ApiOperation({ summary: "The caller's inbox, newest first" })
  @ApiOkResponse({
    description:
      '`{ entries: [{ id, reminderId, caseId, kind, reason, dueAt, issuedAt, deliveredAt, readAt, stillApplies, postTitle, link, … }] }`, times in +08:00',
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: InboxQueryParams,
  ): Promise<{ entries: InboxEntry[] }> {
    const unread = query.unread === undefined ? undefined : query.unread === 'true';
    const entries = await this.inbox.list(
      { role: actor.role, orgUnit: actor.orgUnit },
      { unread, limit: query.limit ?? DEFAULT_LIMIT, calendarLastYear: this.calendarLastYear },
    );
    return { entries };
  }

  // `read` is no id: this path has two segments and `:id/read` three, so neither route takes the other's calls.
  @Post('read')
  @HttpCode(200)
  @ApiOperation({
    summary: "Marks all the caller's unread entries read, or only those of one case",
  })
  @ApiOkResponse({
    description: '`{ marked }`: how many entries were unread and are now read; 0 on a second call',
  })
  @ApiBody({ type: MarkAllReadDto, required: false, description: 'no body or `{}`: every case' })
  async markAllRead(@CurrentActor() actor: Actor, @Body() body: MarkAllReadDto): Promise<{ marked: number }> {
    const marked = await this.inbox.markAllRead(
      { role: actor.role, orgUnit: actor.orgUnit },
      this.clock.now(),
      // The service writes its case ids in lower case; one copied in upper case is the same case.
      { caseId: body.caseId?.toLowerCase() },
    );
    return { marked };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks an entry read' })
  @ApiResponse({ status: 404, description: 'no such entry for the caller' })
  @ApiBody(NO_FIELDS)
  async markRead(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body(NoFieldsPipe) _body: unknown,
  ): Promise<InboxEntry> {
    const entry = await this.inbox.markRead(
      id,
      { role: actor.role, orgUnit: actor.orgUnit },
      this.clock.now(),
      { calendarLastYear: this.calendarLastYear },
    );
    if (entry === null) throw new InboxEntryNotFoundError(id);
    return entry;
  }
}
