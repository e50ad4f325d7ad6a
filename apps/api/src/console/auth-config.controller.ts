import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, Public } from '@app/platform';

export interface ConsoleAuthConfig {
  /** `oidc`: sign in at the identity provider; `local`: pick a demo person (POST /auth/dev-token); `none`: neither is configured. */
  mode: 'oidc' | 'local' | 'none';
  authority?: string;
  clientId?: string;
  scope?: string;
}

export function consoleAuthConfig(config: AppConfig): ConsoleAuthConfig {
  if (config.oidcClientId !== undefined && config.jwtIssuer !== undefined)
    return {
      mode: 'oidc',
      authority: config.jwtIssuer,
      clientId: config.oidcClientId,
      scope: config.oidcScope,
    };
  return { mode: config.nodeEnv === 'production' ? 'none' : 'local' };
}

@ApiTags('auth')
@Controller('auth')
export class AuthConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('config')
  @Public()
  @ApiOperation({ summary: 'How the console signs people in' })
  @ApiOkResponse({ description: '`{ mode: oidc|local|none, authority?, clientId?, scope? }`' })
  authConfig(): ConsoleAuthConfig {
    return consoleAuthConfig(this.config);
  }
}
