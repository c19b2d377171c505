import { ApiProperty } from '@nestjs/swagger';
import { PlaceEntity, ServiceAreaEntity } from '@app/database';
import type { CataloguePlace, ServiceArea, ServiceKindName } from '@app/contract';

export class ServiceWindowDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, Monday = 1' }) weekday: number;
  @ApiProperty({ example: '10:00' }) opens: string;
  @ApiProperty({ example: '17:00' }) closes: string;
}

export class ServiceAreaDto implements ServiceArea {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty({ example: { ko: '검단일반산업단지 무빙콜', en: 'Geomdan Industrial Park Moving Call' } }) name: {
    ko: string;
    en: string;
  };
  @ApiProperty({ enum: ['shuttle', 'luggage'] }) kind: ServiceKindName;
  @ApiProperty() timezone: string;
  @ApiProperty({ type: [ServiceWindowDto] }) serviceHours: ServiceWindowDto[];
  @ApiProperty({ description: 'GeoJSON Polygon' }) boundary: unknown;

  static from(area: ServiceAreaEntity): ServiceAreaDto {
    return {
      id: area.id,
      code: area.code,
      name: { ko: area.nameKo, en: area.nameEn },
      kind: area.kind,
      timezone: area.timezone,
      serviceHours: area.serviceHours,
      boundary: area.boundary,
    };
  }
}

export class PlaceDto implements CataloguePlace {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() areaId: string;
  @ApiProperty() name: { ko: string; en: string };
  @ApiProperty() kind: string;
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
  @ApiProperty() isStop: boolean;

  static from(place: PlaceEntity): PlaceDto {
    return {
      id: place.id,
      code: place.code,
      areaId: place.areaId,
      name: { ko: place.nameKo, en: place.nameEn },
      kind: place.kind,
      lat: place.lat,
      lng: place.lng,
      isStop: place.isStop,
    };
  }
}
