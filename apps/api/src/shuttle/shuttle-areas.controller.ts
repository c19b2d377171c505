import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { ApiProblems } from '@app/http';
import { ServiceWindowDto } from '../catalog/catalog.dto';
import { BilingualNameDto } from './dto/ride.dto';
import { RidesService } from './rides.service';
import type { ShuttleAreaStops } from '@app/contract';
import { ErrorCodes } from '@app/domain';

export class ShuttleStopDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: BilingualNameDto }) name: BilingualNameDto;
  @ApiProperty() kind: string;
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
}

export class ShuttleAreaStopsDto implements ShuttleAreaStops {
  @ApiProperty() areaId: string;
  @ApiProperty({ type: BilingualNameDto }) name: BilingualNameDto;
  @ApiProperty({ example: 'Asia/Seoul' }) timezone: string;
  @ApiProperty({ type: [ServiceWindowDto], description: 'Local opening hours per ISO weekday' })
  serviceHours: ServiceWindowDto[];
  @ApiProperty({ type: [ShuttleStopDto] }) stops: ShuttleStopDto[];
}

@ApiTags('shuttle riders')
@Controller('v1/shuttle/areas')
export class ShuttleAreasController {
  constructor(private readonly rides: RidesService) {}

  @Get(':areaId/stops')
  @Public()
  @ApiOperation({ summary: '정류장 · Stops of a shuttle area and its service hours' })
  @ApiOkResponse({ type: ShuttleAreaStopsDto })
  @ApiProblems([ErrorCodes.AREA_NOT_FOUND, 404])
  async stops(@Param('areaId', ParseUUIDPipe) areaId: string): Promise<ShuttleAreaStopsDto> {
    const { area, stops } = await this.rides.stops(areaId);
    return {
      areaId: area.id,
      name: { ko: area.nameKo, en: area.nameEn },
      timezone: area.timezone,
      serviceHours: area.serviceHours,
      stops: stops.map((p) => ({
        id: p.id,
        code: p.code,
        name: { ko: p.nameKo, en: p.nameEn },
        kind: p.kind,
        lat: p.lat,
        lng: p.lng,
      })),
    };
  }
}
