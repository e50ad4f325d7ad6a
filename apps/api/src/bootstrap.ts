import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, ProblemDetailsFilter, validationExceptionFactory } from '@app/platform';
import { AppModule } from './app.module';
import { contentSecurityPolicy, serveConsole } from './console/console-static';

/**
 * The api as main.ts runs it and as the e2e tests start it: everything but `listen`.
 * The caller calls `listen` (or `init` for supertest) and `close`.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.use(helmet({ contentSecurityPolicy: { directives: contentSecurityPolicy(config) } }));
  // ETag on this api always means the case revision (If-Match), never Express's body hash.
  app.set('etag', false);
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  serveConsole(app);
  const openApi = new DocumentBuilder()
    .setTitle('干部选拔任用 workflow API')
    .setDescription(
      'Event-sourced cadre selection and appointment: every write is a command, every read is folded from history.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  app.enableShutdownHooks();
  return app;
}
