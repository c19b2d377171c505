import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@app/auth';
import { ErrorCodes, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import { AdminAreaDto, CreateAreaDto, UpdateAreaDto } from './area.dto';
import { AreasService } from './areas.service';

@ApiTags('admin: service areas')
@ApiBearerAuth()
@Controller('v1/admin/areas')
@Roles(Role.Dispatcher, Role.Admin)
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  @ApiOperation({
    summary: 'Service areas with hours, holidays and dispatch settings',
    description: 'Dispatchers see their areas; admins all.',
  })
  @ApiOkResponse({ type: [AdminAreaDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<AdminAreaDto[]> {
    return this.areas.list(principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One service area' })
  @ApiOkResponse({ type: AdminAreaDto })
  @ApiProblems([ErrorCodes.AREA_NOT_FOUND, 404], ErrorCodes.AREA_FORBIDDEN)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AdminAreaDto> {
    return this.areas.get(principal, id);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Create a service area',
    description:
      'Errors: AREA_POLYGON_INVALID, AREA_POLYGON_SELF_INTERSECTS, AREA_HOURS_INVALID, AREA_HOURS_OVERLAP, AREA_HOLIDAY_INVALID, AREA_HOLIDAY_DUPLICATE, AREA_SETTINGS_INVALID, AREA_TIMEZONE_INVALID (422); AREA_CODE_TAKEN (409).',
  })
  @ApiCreatedResponse({ type: AdminAreaDto })
  @ApiProblems(
    ErrorCodes.AREA_POLYGON_INVALID,
    ErrorCodes.AREA_POLYGON_SELF_INTERSECTS,
    ErrorCodes.AREA_HOURS_INVALID,
    ErrorCodes.AREA_HOURS_OVERLAP,
    ErrorCodes.AREA_HOLIDAY_INVALID,
    ErrorCodes.AREA_HOLIDAY_DUPLICATE,
    ErrorCodes.AREA_SETTINGS_INVALID,
    ErrorCodes.AREA_TIMEZONE_INVALID,
    ErrorCodes.AREA_CODE_TAKEN,
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateAreaDto): Promise<AdminAreaDto> {
    return this.areas.create(principal, body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Edit an area: name, boundary, hours, holidays, settings',
    description: 'Also AREA_EXCLUDES_PLACES (422) when the new boundary leaves active places outside.',
  })
  @ApiOkResponse({ type: AdminAreaDto })
  @ApiProblems(
    [ErrorCodes.AREA_NOT_FOUND, 404],
    ErrorCodes.AREA_POLYGON_INVALID,
    ErrorCodes.AREA_POLYGON_SELF_INTERSECTS,
    ErrorCodes.AREA_HOURS_INVALID,
    ErrorCodes.AREA_HOURS_OVERLAP,
    ErrorCodes.AREA_HOLIDAY_INVALID,
    ErrorCodes.AREA_HOLIDAY_DUPLICATE,
    ErrorCodes.AREA_SETTINGS_INVALID,
    ErrorCodes.AREA_TIMEZONE_INVALID,
    ErrorCodes.AREA_EXCLUDES_PLACES,
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateAreaDto,
  ): Promise<AdminAreaDto> {
    return this.areas.update(principal, id, body);
  }
}
