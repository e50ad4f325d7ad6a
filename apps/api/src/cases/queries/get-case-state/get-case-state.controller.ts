import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/appointment/appointment.commands';
import { CurrentActor, fieldError, RequestValidationError } from '@app/platform';
import { UuidParam } from '../../http/path-params';
import type { HistoryPoint } from '../../case-reads.service';
import { GetCaseStateQuery } from './get-case-state.handler';
import { GetCaseStateParams } from './get-case-state.query-params';

const pointOf = ({ asOf, revision }: GetCaseStateParams): HistoryPoint => {
  if (asOf !== undefined && revision === undefined) return { asOf };
  if (revision !== undefined && asOf === undefined) return { revision: String(BigInt(revision)) };
  const exactlyOne = { one: 'asOf', other: 'revision' };
  throw new RequestValidationError([
    fieldError('asOf', 'exactlyOne', exactlyOne),
    fieldError('revision', 'exactlyOne', exactlyOne),
  ]);
};

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class GetCaseStateController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/state')
  @ApiOperation({ summary: 'The case as it was at a past moment or revision, folded from history' })
  @ApiOkResponse({ description: 'the case state then, plus the `revision` it was folded to' })
  @ApiResponse({ status: 400, description: 'neither or both of asOf and revision, or a malformed one' })
  @ApiResponse({ status: 404, description: 'no such case, or it did not exist yet at that point' })
  async getCaseState(
    @Param('id', UuidParam('id')) caseId: string,
    @Query() params: GetCaseStateParams,
    @CurrentActor() actor: Actor,
  ): Promise<Record<string, unknown>> {
    const { state, revision } = await this.queryBus.execute(
      new GetCaseStateQuery(caseId, pointOf(params), actor),
    );
    return { ...state, revision };
  }
}
