import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/platform';
import { type ErrorCatalogueView, errorCatalogueView } from './error-catalogue.view';

/** Public like /docs: the catalogue holds the service's words, no case data. */
@ApiTags('operations')
@Controller('errors')
export class ErrorsController {
  @Get()
  @Public()
  @ApiOperation({
    summary: 'The error catalogue: every error code with its HTTP status, rule, Chinese and English text',
    description:
      'Templates name their parameters as `{name}` or `{name:kind}`; the parameters of an answer are in its `details`. ' +
      'Answers are written in Chinese unless `Accept-Language` prefers English; `code` never changes.',
  })
  @ApiOkResponse({
    description: '`{ count, errors: [{ code, status, rule?, zh, en }], fieldReasons: [{ reason, zh, en }] }`',
  })
  list(): ErrorCatalogueView {
    return errorCatalogueView();
  }
}
