import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/appointment/appointment.commands';
import { CurrentActor } from '@app/platform';
import { UuidParam } from '../../http/path-params';
import { ChainVerification, VerifyCaseQuery } from './verify-case.handler';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class VerifyCaseController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/verify')
  @ApiOperation({ summary: 'Check the hash chain of a case: every event carries the hash of the one before' })
  @ApiOkResponse({
    description: '`{ intact, events, brokenAt? }`: brokenAt is the first revision that does not match',
  })
  @ApiResponse({ status: 403, description: 'not allowed to read this case' })
  @ApiResponse({ status: 404, description: 'no such case' })
  verifyCase(
    @Param('id', UuidParam('id')) caseId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ChainVerification> {
    return this.queryBus.execute(new VerifyCaseQuery(caseId, actor));
  }
}
