import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import {
  answerUnreadableRequests,
  AppConfig,
  type Clock,
  DeclaredQueryInterceptor,
  ProblemDetailsFilter,
  refuseNonJsonBody,
  refuseUnsafeInput,
  requestValidationPipe,
} from '@app/platform';
import { AppModule } from './app.module';
import { withErrorCatalogue } from './errors/error-catalogue.openapi';
import { contentSecurityPolicy, serveConsole } from './console/console-static';

/**
 * The api as main.ts runs it and as the e2e tests start it: everything but `listen`.
 * The caller calls `listen` (or `init` for supertest) and `close`.
 */
export async function createApp(
  config: AppConfig,
  options: { clock?: Clock } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.use(helmet({ contentSecurityPolicy: { directives: contentSecurityPolicy(config) } }));
  // ETag on this api always means the case revision (If-Match), never Express's body hash.
  app.set('etag', false);
  // the only body parser: a body it would skip is refused (415), never read as no body
  app.use(refuseNonJsonBody);
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.use(refuseUnsafeInput);
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalInterceptors(new DeclaredQueryInterceptor());
  app.useGlobalFilters(new ProblemDetailsFilter());
  answerUnreadableRequests(app.getHttpServer());
  serveConsole(app);
  const openApi = new DocumentBuilder()
    .setTitle('干部选拔任用 workflow API')
    .setDescription(
      'Event-sourced cadre selection and appointment: every write is a command, every read is folded from history.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => withErrorCatalogue(SwaggerModule.createDocument(app, openApi)));
  app.enableShutdownHooks();
  return app;
}
