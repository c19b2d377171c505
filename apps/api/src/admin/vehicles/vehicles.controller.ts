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
import { ReasonDto } from '../common/common.dto';
import {
  AdminVehicleDto,
  CreateVehicleDto,
  UpdateVehicleDto,
  VehicleQueryDto,
  VehicleServiceChangeDto,
} from './vehicle.dto';
import { VehiclesService } from './vehicles.service';

@ApiTags('admin: fleet')
@ApiBearerAuth()
@Controller('v1/admin/vehicles')
@Roles(Role.Dispatcher, Role.Admin)
export class VehiclesController {
  constructor(private readonly vehicles: VehiclesService) {}

  @Get()
  @ApiOperation({ summary: "Vans of the caller's areas" })
  @ApiOkResponse({ type: [AdminVehicleDto] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: VehicleQueryDto): Promise<AdminVehicleDto[]> {
    return this.vehicles.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One van' })
  @ApiOkResponse({ type: AdminVehicleDto })
  @ApiProblems([ErrorCodes.VEHICLE_NOT_FOUND, 404])
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AdminVehicleDto> {
    return this.vehicles.get(principal, id);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Register a van',
    description:
      'Errors: VEHICLE_CAPACITY_INVALID, VEHICLE_HOME_INVALID, AREA_NOT_FOUND (422); VEHICLE_PLATE_TAKEN (409).',
  })
  @ApiCreatedResponse({ type: AdminVehicleDto })
  @ApiProblems(
    [ErrorCodes.AREA_NOT_FOUND, 422],
    ErrorCodes.VEHICLE_CAPACITY_INVALID,
    ErrorCodes.VEHICLE_HOME_INVALID,
    ErrorCodes.VEHICLE_HOME_REQUIRED,
    ErrorCodes.VEHICLE_PLATE_TAKEN,
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateVehicleDto): Promise<AdminVehicleDto> {
    return this.vehicles.create(principal, body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Edit plate, label, seats, bag slots, accessibility, home depot' })
  @ApiOkResponse({ type: AdminVehicleDto })
  @ApiProblems(
    [ErrorCodes.VEHICLE_NOT_FOUND, 404],
    ErrorCodes.VEHICLE_HAS_OPEN_WORK,
    ErrorCodes.VEHICLE_CAPACITY_INVALID,
    ErrorCodes.VEHICLE_HOME_INVALID,
    ErrorCodes.VEHICLE_HOME_REQUIRED,
    ErrorCodes.VEHICLE_PLATE_TAKEN,
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateVehicleDto,
  ): Promise<AdminVehicleDto> {
    return this.vehicles.update(principal, id, body);
  }

  @Post(':id/out-of-service')
  @HttpCode(200)
  @Roles(Role.Dispatcher, Role.Admin)
  @ApiOperation({
    summary: 'Take a van out of service; its open work is re-planned',
    description:
      'Admins, and dispatchers for vans of their own areas (AREA_FORBIDDEN otherwise; the audit log names the actor). Enqueues the dispatch job `vehicle-unavailable` (reason out_of_service) in the same transaction.',
  })
  @ApiOkResponse({ type: VehicleServiceChangeDto })
  @ApiProblems([ErrorCodes.VEHICLE_NOT_FOUND, 404], ErrorCodes.AREA_FORBIDDEN)
  outOfService(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ): Promise<VehicleServiceChangeDto> {
    return this.vehicles.takeOutOfService(principal, id, body.reason);
  }

  @Post(':id/in-service')
  @HttpCode(200)
  @Roles(Role.Dispatcher, Role.Admin)
  @ApiOperation({
    summary: 'Return a van to service',
    description: 'Admins, and dispatchers for vans of their own areas (AREA_FORBIDDEN otherwise).',
  })
  @ApiOkResponse({ type: AdminVehicleDto })
  @ApiProblems([ErrorCodes.VEHICLE_NOT_FOUND, 404], ErrorCodes.AREA_FORBIDDEN)
  inService(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AdminVehicleDto> {
    return this.vehicles.returnToService(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Delete a van registered by mistake',
    description:
      'VEHICLE_HAS_OPEN_WORK (409) while it has open work; VEHICLE_HAS_HISTORY (409) once shifts or rides refer to it. Take it out of service instead.',
  })
  @ApiNoContentResponse()
  @ApiProblems([ErrorCodes.VEHICLE_NOT_FOUND, 404], ErrorCodes.VEHICLE_HAS_OPEN_WORK, ErrorCodes.VEHICLE_HAS_HISTORY)
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.vehicles.remove(principal, id);
  }
}
