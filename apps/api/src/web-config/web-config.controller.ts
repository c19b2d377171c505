import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WebConfigDto } from './web-config.dto';

/** What the browser pages need before they can talk to the gateway or draw a map. */
@ApiTags('web')
@Controller('v1/web-config')
export class WebConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '웹 설정 · Public settings of the web pages: gateway URL, map tiles, default language' })
  @ApiOkResponse({ type: WebConfigDto })
  get(): WebConfigDto {
    return {
      gatewayUrl: this.config.publicUrls.gateway,
      tileUrl: this.config.web.tileUrl,
      tileAttribution: this.config.web.tileAttribution,
      defaultLocale: 'ko',
      timezone: this.config.serviceTimezone,
    };
  }
}
