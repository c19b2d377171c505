import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@app/auth';
import { ErrorCodes, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import { FIELD_ACTION_KEY_DOC, IDEMPOTENCY_HEADER } from '../common/idempotency';
import { RideDto } from '../shuttle/dto/ride.dto';
import { DriverService } from './driver.service';
import { DriverRideActionDto, DriverShiftDto, ManifestDto, PostLocationDto, StartShiftDto } from './dto/driver.dto';

/** What every step a driver takes on a ride can be refused with (its time, its retry key, the shift, the ride's state). */
const RIDE_STEP_PROBLEMS = [
  ErrorCodes.OCCURRED_AT_IN_FUTURE,
  ErrorCodes.OCCURRED_AT_TOO_EARLY,
  ErrorCodes.IDEMPOTENCY_KEY_INVALID,
  ErrorCodes.IDEMPOTENCY_KEY_REUSED,
  ErrorCodes.SHIFT_NOT_ACTIVE,
  ErrorCodes.RIDE_NOT_FOUND,
  ErrorCodes.RIDE_INVALID_TRANSITION,
] as const;

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
  @ApiProblems(ErrorCodes.STAFF_PROFILE_MISSING, ErrorCodes.NO_SHIFT, ErrorCodes.VEHICLE_BUSY)
  start(@CurrentPrincipal() principal: Principal, @Body() body: StartShiftDto): Promise<DriverShiftDto> {
    return this.driver.startShift(principal, body.shiftId);
  }

  @Post('shifts/end')
  @HttpCode(200)
  @ApiOperation({ summary: '근무 종료 · End my shift: riders not yet picked up move to other vans' })
  @ApiOkResponse({ type: DriverShiftDto })
  @ApiProblems(ErrorCodes.SHIFT_NOT_ACTIVE, ErrorCodes.RIDES_ON_BOARD)
  end(@CurrentPrincipal() principal: Principal): Promise<DriverShiftDto> {
    return this.driver.endShift(principal);
  }

  @Post('online')
  @HttpCode(200)
  @ApiOperation({ summary: 'Go online: take new rides' })
  @ApiOkResponse({ type: DriverShiftDto })
  @ApiProblems(ErrorCodes.SHIFT_NOT_ACTIVE)
  online(@CurrentPrincipal() principal: Principal): Promise<DriverShiftDto> {
    return this.driver.setOnline(principal, true);
  }

  @Post('offline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Go offline: riders not yet picked up move to other vans or are told' })
  @ApiOkResponse({ type: DriverShiftDto })
  @ApiProblems(ErrorCodes.SHIFT_NOT_ACTIVE)
  offline(@CurrentPrincipal() principal: Principal): Promise<DriverShiftDto> {
    return this.driver.setOnline(principal, false);
  }

  @Post('location')
  @HttpCode(204)
  @ApiOperation({ summary: 'Post the van position (every few seconds); riders of active rides see it live' })
  @ApiNoContentResponse()
  @ApiProblems(ErrorCodes.SHIFT_NOT_ACTIVE, ErrorCodes.LOCATION_IN_FUTURE)
  location(@CurrentPrincipal() principal: Principal, @Body() body: PostLocationDto): Promise<void> {
    return this.driver.postLocation(principal, body);
  }

  @Get('manifest')
  @ApiOperation({ summary: '운행표 · My manifest: ordered stops, who to pick up or drop off, ETAs' })
  @ApiOkResponse({ type: ManifestDto })
  @ApiProblems(ErrorCodes.SHIFT_NOT_ACTIVE)
  manifest(@CurrentPrincipal() principal: Principal): Promise<ManifestDto> {
    return this.driver.manifest(principal);
  }

  @Post('rides/:id/arrive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Arrived at the pickup of this ride (starts the no-show timer)' })
  @ApiOkResponse({ type: RideDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(...RIDE_STEP_PROBLEMS)
  arrive(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DriverRideActionDto,
    @Headers(IDEMPOTENCY_HEADER) key?: string,
  ): Promise<RideDto> {
    return this.driver.act(principal, id, 'arrive', body.occurredAt, key);
  }

  @Post('rides/:id/pickup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Picked up this rider (per ride)' })
  @ApiOkResponse({ type: RideDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(...RIDE_STEP_PROBLEMS)
  pickup(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DriverRideActionDto,
    @Headers(IDEMPOTENCY_HEADER) key?: string,
  ): Promise<RideDto> {
    return this.driver.act(principal, id, 'pickup', body.occurredAt, key);
  }

  @Post('rides/:id/no-show')
  @HttpCode(200)
  @ApiOperation({ summary: 'The rider did not come (allowed N minutes after arrival)' })
  @ApiOkResponse({ type: RideDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(...RIDE_STEP_PROBLEMS, ErrorCodes.NO_SHOW_TOO_EARLY)
  noShow(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DriverRideActionDto,
    @Headers(IDEMPOTENCY_HEADER) key?: string,
  ): Promise<RideDto> {
    return this.driver.act(principal, id, 'no-show', body.occurredAt, key);
  }

  @Post('rides/:id/dropoff')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dropped off this rider: the ride is completed' })
  @ApiOkResponse({ type: RideDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(...RIDE_STEP_PROBLEMS)
  dropoff(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DriverRideActionDto,
    @Headers(IDEMPOTENCY_HEADER) key?: string,
  ): Promise<RideDto> {
    return this.driver.act(principal, id, 'dropoff', body.occurredAt, key);
  }
}
