import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { NoFieldsPipe, Roles } from '@app/platform';
import { ProjectionRebuildService, type ProjectionStatus, type RebuildStarted } from '@app/projections';
import { ReadModelNotFoundError } from './read-models.errors';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/projections')
export class AdminProjectionsController {
  constructor(private readonly rebuilds: ProjectionRebuildService) {}

  @Get()
  @ApiOperation({ summary: "Each projection's checkpoint, lag and rebuild status" })
  async list(): Promise<{ projections: ProjectionStatus[] }> {
    return { projections: await this.rebuilds.list() };
  }

  @Post(':name/rebuild')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Replay a projection from position zero into fresh tables and swap them in, in the background',
  })
  @ApiResponse({ status: 202, description: '`{ name, status }`' })
  @ApiResponse({ status: 404, description: 'no projection of that name' })
  @ApiBody({ required: false, description: 'no fields: no body, or `{}`', schema: { type: 'object' } })
  rebuild(@Param('name') name: string, @Body(NoFieldsPipe) _body: unknown): RebuildStarted {
    if (!this.rebuilds.has(name)) {
      throw new ReadModelNotFoundError(
        'PROJECTION.NOT_FOUND',
        `no projection is called ${name}; known: ${this.rebuilds.names().join(', ')}`,
        { name },
      );
    }
    return this.rebuilds.start(name);
  }
}
