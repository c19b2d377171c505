import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { Public } from '@app/auth';
import { PlaceEntity, ServiceAreaEntity } from '@app/database';
import { ErrorCodes, isSimulationArea, notFound, PlaceKind } from '@app/domain';
import { ApiProblems } from '@app/http';
import { PlaceDto, ServiceAreaDto } from './catalog.dto';

/** Public read of the catalogue: areas, their hours and places. Nothing personal here. */
@ApiTags('catalog')
@Controller('v1/areas')
export class CatalogController {
  constructor(
    @InjectRepository(ServiceAreaEntity) private readonly areas: Repository<ServiceAreaEntity>,
    @InjectRepository(PlaceEntity) private readonly places: Repository<PlaceEntity>,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Service areas with their hours' })
  @ApiOkResponse({ type: [ServiceAreaDto] })
  @ApiQuery({
    name: 'simulation',
    required: false,
    enum: ['include'],
    description: "Also list simulators' own areas (the board shows them; travellers' pages do not)",
  })
  async list(@Query('simulation') simulation?: string): Promise<ServiceAreaDto[]> {
    const rows = await this.areas.find({ order: { code: 'ASC' } });
    return rows.filter((a) => simulation === 'include' || !isSimulationArea(a)).map((a) => ServiceAreaDto.from(a));
  }

  @Get(':areaId')
  @Public()
  @ApiOperation({ summary: 'One service area' })
  @ApiOkResponse({ type: ServiceAreaDto })
  @ApiProblems([ErrorCodes.AREA_NOT_FOUND, 404])
  async get(@Param('areaId', ParseUUIDPipe) areaId: string): Promise<ServiceAreaDto> {
    const area = await this.areas.findOneBy({ id: areaId });
    if (!area) throw notFound(ErrorCodes.AREA_NOT_FOUND, 'No service area has this id.');
    return ServiceAreaDto.from(area);
  }

  @Get(':areaId/places')
  @Public()
  @ApiOperation({ summary: 'Active places (stops, hotels, terminals) of an area' })
  @ApiOkResponse({ type: [PlaceDto] })
  @ApiProblems([ErrorCodes.AREA_NOT_FOUND, 404])
  async listPlaces(@Param('areaId', ParseUUIDPipe) areaId: string): Promise<PlaceDto[]> {
    if (!(await this.areas.existsBy({ id: areaId })))
      throw notFound(ErrorCodes.AREA_NOT_FOUND, 'No service area has this id.');
    // Travellers' home addresses are private: only the catalogue is listed.
    const rows = await this.places.find({
      where: { areaId, retiredAt: IsNull(), kind: Not(PlaceKind.Home) },
      order: { code: 'ASC' },
    });
    return rows.map((p) => PlaceDto.from(p));
  }
}
