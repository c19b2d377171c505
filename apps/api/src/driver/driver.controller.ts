import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@app/auth';
import { Principal, Role } from '@app/domain';
import { FIELD_ACTION_KEY_DOC, IDEMPOTENCY_HEADER } from '../common/idempotency';
import { RideDto } from '../shuttle/dto/ride.dto';
import { DriverService } from './driver.service';
import { DriverRideActionDto, DriverShiftDto, ManifestDto, PostLocationDto, StartShiftDto } from './dto/driver.dto';

const OCCURRED_AT_ERRORS = 'OCCURRED_AT_IN_FUTURE (more than 2 min ahead), OCCURRED_AT_TOO_EARLY (before the previous step of the ride)';

@ApiTags('shuttle drivers')
@ApiBearerAuth()
@Controller('v1/driver')
@Roles(Role.Staff)
export class DriverController {
  constructor(private readonly driver: DriverService) {}

  @Post('shifts/start')
  @HttpCode(200)
  @ApiOperation({ summary: '근무 시작 · Start my shift with its van (and go online)' })
  @ApiOkResponse({ type: DriverShiftDto })
  @ApiConflictResponse({ description: 'VEHICLE_BUSY' })
  start(@CurrentPrincipal() principal: Principal, @Body() body: StartShiftDto): Promise<DriverShiftDto> {
    return this.driver.startShift(principal, body.shiftId);
  }

  @Post('shifts/end')
  @HttpCode(200)
  @ApiOperation({ summary: '근무 종료 · End my shift: riders not yet picked up move to other vans' })
  @ApiOkResponse({ type: DriverShiftDto })
  end(@CurrentPrincipal() principal: Principal): Promise<DriverShiftDto> {
    return this.driver.endShift(principal);
  }

  @Post('online')
  @HttpCode(200)
  @ApiOperation({ summary: 'Go online: take new rides' })
  @ApiOkResponse({ type: DriverShiftDto })
  online(@CurrentPrincipal() principal: Principal): Promise<DriverShiftDto> {
    return this.driver.setOnline(principal, true);
  }

  @Post('offline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Go offline: riders not yet picked up move to other vans or are told' })
  @ApiOkResponse({ type: DriverShiftDto })
  offline(@CurrentPrincipal() principal: Principal): Promise<DriverShiftDto> {
    return this.driver.setOnline(principal, false);
  }

  @Post('location')
  @HttpCode(204)
  @ApiOperation({ summary: 'Post the van position (every few seconds); riders of active rides see it live' })
  @ApiNoContentResponse()
  location(@CurrentPrincipal() principal: Principal, @Body() body: PostLocationDto): Promise<void> {
    return this.driver.postLocation(principal, body);
  }

  @Get('manifest')
  @ApiOperation({ summary: '운행표 · My manifest: ordered stops, who to pick up or drop off, ETAs' })
  @ApiOkResponse({ type: ManifestDto })
  manifest(@CurrentPrincipal() principal: Principal): Promise<ManifestDto> {
    return this.driver.manifest(principal);
  }

  @Post('rides/:id/arrive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Arrived at the pickup of this ride (starts the no-show timer)' })
  @ApiOkResponse({ type: RideDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiNotFoundResponse({ description: 'RIDE_NOT_FOUND (also for a ride on another van)' })
  @ApiConflictResponse({ description: 'RIDE_INVALID_TRANSITION, SHIFT_NOT_ACTIVE' })
  @ApiUnprocessableEntityResponse({ description: OCCURRED_AT_ERRORS })
  arrive(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: DriverRideActionDto, @Headers(IDEMPOTENCY_HEADER) key?: string): Promise<RideDto> {
    return this.driver.act(principal, id, 'arrive', body.occurredAt, key);
  }

  @Post('rides/:id/pickup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Picked up this rider (per ride)' })
  @ApiOkResponse({ type: RideDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiNotFoundResponse({ description: 'RIDE_NOT_FOUND (also for a ride on another van)' })
  @ApiUnprocessableEntityResponse({ description: OCCURRED_AT_ERRORS })
  pickup(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: DriverRideActionDto, @Headers(IDEMPOTENCY_HEADER) key?: string): Promise<RideDto> {
    return this.driver.act(principal, id, 'pickup', body.occurredAt, key);
  }

  @Post('rides/:id/no-show')
  @HttpCode(200)
  @ApiOperation({ summary: 'The rider did not come (allowed N minutes after arrival)' })
  @ApiOkResponse({ type: RideDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiConflictResponse({ description: 'NO_SHOW_TOO_EARLY, RIDE_INVALID_TRANSITION' })
  @ApiUnprocessableEntityResponse({ description: OCCURRED_AT_ERRORS })
  noShow(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: DriverRideActionDto, @Headers(IDEMPOTENCY_HEADER) key?: string): Promise<RideDto> {
    return this.driver.act(principal, id, 'no-show', body.occurredAt, key);
  }

  @Post('rides/:id/dropoff')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dropped off this rider: the ride is completed' })
  @ApiOkResponse({ type: RideDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiUnprocessableEntityResponse({ description: OCCURRED_AT_ERRORS })
  dropoff(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: DriverRideActionDto, @Headers(IDEMPOTENCY_HEADER) key?: string): Promise<RideDto> {
    return this.driver.act(principal, id, 'dropoff', body.occurredAt, key);
  }
}
