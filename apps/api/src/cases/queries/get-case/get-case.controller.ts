import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/appointment/appointment.commands';
import { CurrentActor } from '@app/platform';
import type { HttpResponse } from '../../http/http.types';
import { UuidParam } from '../../http/path-params';
import { type CaseView, GetCaseQuery } from './get-case.handler';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class GetCaseController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'The current state of a case, folded from its history' })
  @ApiOkResponse({
    description:
      'the case state plus its open `deadlines`, the caller\'s `nextActions` and `revision`; `ETag: "<revision>"`. ' +
      'Each next action has `step`: `todo` (not done yet), `redo` (done; doing it again replaces the record) or ' +
      '`again` (done; may be added to); a re-draft of a signed opinion lists in `voidsSignatures` the signatures ' +
      'the new draft leaves behind (R16)',
  })
  @ApiResponse({ status: 403, description: 'not allowed to read this case' })
  @ApiResponse({ status: 404, description: 'no such case' })
  async getCase(
    @Param('id', UuidParam('id')) caseId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<string> {
    const view = await this.queryBus.execute(new GetCaseQuery(caseId, actor));
    const { revision } = view;
    response.setHeader('ETag', `"${revision}"`);
    // The view depends on the caller (nextActions, what they may read): no shared cache may keep it,
    // and a browser revalidates it per Authorization, so one person's 304 never shows another's view.
    response.setHeader('Cache-Control', 'private, no-cache');
    response.setHeader('Vary', 'Authorization');
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    return caseBody(view);
  }
}

/**
 * The state's JSON by state object: folded states are immutable and the fold cache hands out the
 * same object until the case moves on, so a long case (a 2 000-event case is 400 kB of JSON) is
 * serialised once per revision, not on every read.
 */
const stateJson = new WeakMap<object, string>();

/** `{ ...state, deadlines, nextActions, revision }` as JSON, with the state's part from stateJson. */
function caseBody({ state, deadlines, nextActions, revision }: CaseView): string {
  let json = stateJson.get(state);
  if (json === undefined) {
    json = JSON.stringify(state);
    stateJson.set(state, json);
  }
  const rest = JSON.stringify({ deadlines, nextActions, revision }).slice(1);
  return json === '{}' ? `{${rest}` : `${json.slice(0, -1)},${rest}`;
}
