import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@app/auth';
import { ErrorCodes, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import { AdminPlaceDto, CreatePlaceDto, PlaceQueryDto, UpdatePlaceDto } from './place.dto';
import { PlacesService } from './places.service';

@ApiTags('admin: places and stops')
@ApiBearerAuth()
@Controller('v1/admin/places')
@Roles(Role.Dispatcher, Role.Admin)
export class PlacesController {
  constructor(private readonly places: PlacesService) {}

  @Get()
  @ApiOperation({ summary: "Places and stops of the caller's areas" })
  @ApiOkResponse({ type: [AdminPlaceDto] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PlaceQueryDto): Promise<AdminPlaceDto[]> {
    return this.places.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One place' })
  @ApiOkResponse({ type: AdminPlaceDto })
  @ApiProblems(ErrorCodes.PLACE_NOT_FOUND)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AdminPlaceDto> {
    return this.places.get(principal, id);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Add a place or stop',
    description:
      'Errors: PLACE_OUTSIDE_AREA, PLACE_OUTSIDE_EVERY_AREA, PLACE_AREA_AMBIGUOUS, AREA_NOT_FOUND (422); PLACE_CODE_TAKEN (409).',
  })
  @ApiCreatedResponse({ type: AdminPlaceDto })
  @ApiProblems(
    [ErrorCodes.AREA_NOT_FOUND, 422],
    ErrorCodes.PLACE_OUTSIDE_AREA,
    ErrorCodes.PLACE_OUTSIDE_EVERY_AREA,
    ErrorCodes.PLACE_AREA_AMBIGUOUS,
    ErrorCodes.PLACE_CODE_TAKEN,
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePlaceDto): Promise<AdminPlaceDto> {
    return this.places.create(principal, body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Rename (ko/en), move, or change a place',
    description: 'A move must stay inside the area: PLACE_OUTSIDE_AREA (422).',
  })
  @ApiOkResponse({ type: AdminPlaceDto })
  @ApiProblems(ErrorCodes.PLACE_NOT_FOUND, ErrorCodes.PLACE_POSITION_INCOMPLETE, ErrorCodes.PLACE_OUTSIDE_AREA)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePlaceDto,
  ): Promise<AdminPlaceDto> {
    return this.places.update(principal, id, body);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Retire: no new bookings; open bookings keep it' })
  @ApiOkResponse({ type: AdminPlaceDto })
  @ApiProblems(ErrorCodes.PLACE_NOT_FOUND)
  retire(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AdminPlaceDto> {
    return this.places.retire(principal, id);
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Take a retired place back into use' })
  @ApiOkResponse({ type: AdminPlaceDto })
  @ApiProblems(ErrorCodes.PLACE_NOT_FOUND, ErrorCodes.PLACE_OUTSIDE_AREA)
  reinstate(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AdminPlaceDto> {
    return this.places.reinstate(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Delete a place nothing has used',
    description:
      'PLACE_IN_USE (409) when an open booking starts or ends here; PLACE_HAS_HISTORY (409) when past records refer to it. Retire instead.',
  })
  @ApiNoContentResponse()
  @ApiProblems(ErrorCodes.PLACE_NOT_FOUND, ErrorCodes.PLACE_IN_USE, ErrorCodes.PLACE_HAS_HISTORY)
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.places.remove(principal, id);
  }
}
