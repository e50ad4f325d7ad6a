import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, Public, signLocalToken } from '@app/platform';
import { DevTokenDto } from './dev-token.dto';

/** Local sign-in for the console's demo people; the module is not loaded when NODE_ENV=production. */
@ApiTags('auth')
@Controller('auth')
export class DevTokenController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post('dev-token')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'A token signed like `npm run token` (not available when NODE_ENV=production)' })
  @ApiOkResponse({ description: '`{ token }`' })
  async token(@Body() body: DevTokenDto): Promise<{ token: string }> {
    const token = await signLocalToken(
      this.config.jwtSecret,
      { sub: body.sub, name: body.name, role: body.role, orgUnit: body.orgUnit },
      '8h',
      { issuer: this.config.jwtIssuer, audience: this.config.jwtAudience },
    );
    return { token };
  }
}
