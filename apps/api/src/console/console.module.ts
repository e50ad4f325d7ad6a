import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@app/platform';
import { AuthConfigController } from './auth-config.controller';
import { DevTokenController } from './dev-token.controller';

/** What the console needs from the api besides the workflow API: how to sign in. */
@Module({})
export class ConsoleModule {
  static forRoot(config: AppConfig): DynamicModule {
    const controllers: Array<new (...args: never[]) => unknown> = [AuthConfigController];
    if (config.nodeEnv !== 'production') controllers.push(DevTokenController);
    return { module: ConsoleModule, controllers };
  }
}
