import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/appointment/appointment.commands';
import { type CalendarDescription, type CalendarLoaded, WorkingCalendarService } from '@app/calendar-store';
import { CurrentActor, Roles } from '@app/platform';

/** DOMAIN.md §9: the working-day calendar as data; an admin loads each year's arrangement the day it is published. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/calendar')
export class AdminCalendarController {
  constructor(private readonly calendar: WorkingCalendarService) {}

  @Get()
  @ApiOperation({
    summary: 'Coverage (years, each with its source and version), the sources, and any warning',
  })
  @ApiOkResponse({
    description: '`{ version, coverage: { firstYear, lastYear, lastCoveredDay }, years, sources, warning? }`',
  })
  async describe(): Promise<CalendarDescription> {
    await this.calendar.refresh();
    return this.calendar.describe();
  }

  @Put(':year')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Load a year's holiday arrangement (国务院办公厅通知): recorded in the `calendar` stream, in force at once",
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['documentNo', 'publishedAt', 'holidays', 'workdays'],
      properties: {
        documentNo: { type: 'string', example: '国办发明电〔2025〕7号' },
        publishedAt: { type: 'string', format: 'date' },
        holidays: {
          type: 'object',
          additionalProperties: { type: 'string' },
          example: { '2027-01-01': '元旦' },
        },
        workdays: {
          type: 'object',
          additionalProperties: { type: 'string' },
          example: { '2027-02-20': '春节' },
        },
      },
    },
  })
  @ApiResponse({
    status: 200,
    description: '`{ year, documentNo, publishedAt, revision, version, loadedAt, summary, coverage }`',
  })
  @ApiResponse({ status: 400, description: 'CALENDAR.INVALID_ARRANGEMENT: every problem named by its field' })
  load(
    @Param('year') year: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<CalendarLoaded> {
    return this.calendar.load(year, body, actor);
  }
}
