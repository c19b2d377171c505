import { ApiProperty } from '@nestjs/swagger';
import type { WebConfig } from '@app/contract';

export class WebConfigDto implements WebConfig {
  @ApiProperty({
    example: 'http://localhost:3001',
    description: 'Socket.IO gateway the pages connect to (token in auth.token)',
  })
  gatewayUrl: string;

  @ApiProperty({
    example: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    description: 'Map tile URL template; when tiles cannot load the maps still draw vans, stops and routes',
  })
  tileUrl: string;

  @ApiProperty({ example: '© OpenStreetMap contributors' })
  tileAttribution: string;

  @ApiProperty({ enum: ['ko', 'en'], description: 'Language of the pages until the user switches' })
  defaultLocale: 'ko' | 'en';

  @ApiProperty({ example: 'Asia/Seoul', description: 'Times on the pages are shown in this zone' })
  timezone: string;
}
