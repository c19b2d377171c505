import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '@app/auth';
import { ErrorCodes, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import { TokenPairDto } from '../auth/dto/sign-in.dto';
import { CancelRideDto, CreateRideDto, PhoneBookingDto, RidesQueryDto } from './dto/create-ride.dto';
import { ConfirmMoveDto, DispatchRidesQueryDto, MovePreviewDto, MoveRideDto } from './dto/dispatch-board.dto';
import { DispatchDecisionDto, RideDto } from './dto/ride.dto';
import { RiderSignUpDto } from './dto/sign-up.dto';
import { RiderAccountsService } from './rider-accounts.service';
import { RidesService } from './rides.service';
import { RateLimited } from '../common/rate-limit/rate-limit';

const IDEMPOTENCY_HEADER_DOC = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Retrying with the same key and body returns the same booking, never a second one; the same key with another body is refused (409 IDEMPOTENCY_KEY_REUSED).',
};

/** What booking a ride can be refused with, by the rider or by a dispatcher for a caller. */
const BOOKING_PROBLEMS = [
  ErrorCodes.STOP_UNKNOWN,
  ErrorCodes.PICKUP_EQUALS_DROPOFF,
  ErrorCodes.STOP_OUTSIDE_AREA,
  ErrorCodes.AREA_NOT_SHUTTLE,
  ErrorCodes.OUTSIDE_SERVICE_HOURS,
  ErrorCodes.TIME_IN_PAST,
  ErrorCodes.BEYOND_BOOKING_HORIZON,
  ErrorCodes.PASSENGERS_OUT_OF_RANGE,
  ErrorCodes.RIDE_TIME_REQUIRED,
  ErrorCodes.IDEMPOTENCY_KEY_INVALID,
  ErrorCodes.IDEMPOTENCY_KEY_REUSED,
] as const;

@ApiTags('shuttle riders')
@Controller('v1/riders')
export class RidersController {
  constructor(private readonly accounts: RiderAccountsService) {}

  @Post('sign-up')
  @Public()
  @ApiOperation({ summary: '회원가입 · Sign up as a rider with the employer code of a park company; returns tokens' })
  @ApiCreatedResponse({ type: TokenPairDto })
  @ApiProblems(ErrorCodes.EMPLOYER_CODE_UNKNOWN, ErrorCodes.EMAIL_TAKEN, ErrorCodes.PHONE_TAKEN)
  signUp(@Body() body: RiderSignUpDto): Promise<TokenPairDto> {
    return this.accounts.signUp(body);
  }
}

@ApiTags('shuttle rides')
@ApiBearerAuth()
@Controller('v1/rides')
export class RidesController {
  constructor(private readonly rides: RidesService) {}

  @Post()
  @HttpCode(202)
  @RateLimited('booking')
  @Roles(Role.Rider)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '승차 요청 · Request a ride',
    description:
      'Accepted at once with status `requested` (or `scheduled` when far ahead); the dispatcher then answers with `assigned` or `rejected` over the live socket (`ride.status`).',
  })
  @ApiAcceptedResponse({ type: RideDto })
  @ApiProblems(...BOOKING_PROBLEMS)
  book(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateRideDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<RideDto> {
    return this.rides.book(principal, body, key);
  }

  @Get()
  @Roles(Role.Rider)
  @ApiOperation({ summary: '내 승차 · My rides, current and past, with the times that actually happened' })
  @ApiOkResponse({ type: [RideDto] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: RidesQueryDto): Promise<RideDto[]> {
    return this.rides.list(principal, query.scope);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One ride with its status history (its rider, its driver, or a dispatcher of its area)' })
  @ApiOkResponse({ type: RideDto })
  @ApiProblems(ErrorCodes.RIDE_NOT_FOUND)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<RideDto> {
    return this.rides.get(principal, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(Role.Rider, Role.Dispatcher, Role.Admin)
  @ApiOperation({ summary: '취소 · Cancel a ride: free until the van is on its way, then recorded as a late cancel' })
  @ApiOkResponse({ type: RideDto })
  @ApiProblems(ErrorCodes.RIDE_NOT_FOUND, ErrorCodes.RIDE_INVALID_TRANSITION)
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CancelRideDto,
  ): Promise<RideDto> {
    return this.rides.cancel(principal, id, body.reason);
  }
}

@ApiTags('shuttle dispatch')
@ApiBearerAuth()
@Controller('v1/dispatch/rides')
@Roles(Role.Dispatcher, Role.Admin)
export class DispatchRidesController {
  constructor(private readonly rides: RidesService) {}

  @Post()
  @HttpCode(202)
  @RateLimited('booking')
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '전화 예약 · Book for a caller by phone (name + phone, no account)',
    description: 'The ride behaves like any other; it is kept under a phone-only rider that cannot sign in.',
  })
  @ApiAcceptedResponse({ type: RideDto })
  @ApiProblems(...BOOKING_PROBLEMS, ErrorCodes.AREA_FORBIDDEN, ErrorCodes.PHONE_TAKEN)
  book(
    @CurrentPrincipal() principal: Principal,
    @Body() body: PhoneBookingDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<RideDto> {
    return this.rides.bookByPhone(principal, body, key);
  }

  @Get()
  @ApiOperation({
    summary: '배차 현황 · The rides of one area for the board, newest first',
    description:
      "The same records as GET /v1/rides/:id (with history). The board loads it on every (re)connect and applies live events newer than each ride's `version`. Bounded by `limit`; page with `before`.",
  })
  @ApiOkResponse({ type: [RideDto] })
  @ApiProblems(ErrorCodes.AREA_FORBIDDEN)
  listForArea(@CurrentPrincipal() principal: Principal, @Query() query: DispatchRidesQueryDto): Promise<RideDto[]> {
    return this.rides.listForArea(principal, query);
  }

  @Post(':id/move-preview')
  @HttpCode(200)
  @ApiOperation({
    summary: '이동 미리보기 · What moving (or assigning) a ride to a van would cost the others',
    description:
      'Computed by the engine on the live plans (taken off its present van, inserted into the target under the same hard constraints: no promise is broken). Nothing is written.',
  })
  @ApiOkResponse({ type: MovePreviewDto })
  @ApiProblems(
    ErrorCodes.RIDE_NOT_FOUND,
    [ErrorCodes.VEHICLE_NOT_FOUND, 404],
    ErrorCodes.RIDE_ALREADY_ON_BOARD,
    ErrorCodes.RIDE_FINISHED,
    ErrorCodes.RIDE_NOT_ACTIVE,
    ErrorCodes.MOVE_SAME_VEHICLE,
    ErrorCodes.VEHICLE_NOT_AVAILABLE,
  )
  previewMove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MoveRideDto,
  ): Promise<MovePreviewDto> {
    return this.rides.previewMove(principal, id, body.vehicleId);
  }

  @Post(':id/move')
  @HttpCode(200)
  @ApiOperation({
    summary: '차량 변경 · Move (or assign) a ride to another van',
    description:
      'Under the area planning lock, with plan-version checks: both vans get new plans, the ride its van and ETAs, and a dispatch decision records who moved it and why. Riders, drivers and boards hear it live (ride.status, manifest.updated, dispatch.decision). A requested or rejected ride is assigned the same way.',
  })
  @ApiOkResponse({ type: RideDto })
  @ApiProblems(
    ErrorCodes.RIDE_NOT_FOUND,
    [ErrorCodes.VEHICLE_NOT_FOUND, 404],
    ErrorCodes.RIDE_ALREADY_ON_BOARD,
    ErrorCodes.RIDE_FINISHED,
    ErrorCodes.RIDE_NOT_ACTIVE,
    ErrorCodes.MOVE_SAME_VEHICLE,
    ErrorCodes.VEHICLE_NOT_AVAILABLE,
    ErrorCodes.MOVE_INFEASIBLE,
    ErrorCodes.PLAN_CHANGED,
  )
  move(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ConfirmMoveDto,
  ): Promise<RideDto> {
    return this.rides.move(principal, id, body.vehicleId, body.planVersions);
  }

  @Get(':id/decisions')
  @ApiOperation({ summary: 'What the dispatcher decided about a ride, and why' })
  @ApiOkResponse({ type: [DispatchDecisionDto] })
  @ApiProblems(ErrorCodes.RIDE_NOT_FOUND)
  decisions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DispatchDecisionDto[]> {
    return this.rides.decisions(principal, id);
  }
}
