import { Logger } from '@nestjs/common';
import { loadConfig } from '@app/platform';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port);
  new Logger('api').log(`listening on port ${config.port} (event store: ${config.eventStore})`);
}

main().catch((error: unknown) => {
  new Logger('api').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
