import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '@app/auth';
import { Principal, Role } from '@app/domain';
import { TokenPairDto } from '../auth/dto/sign-in.dto';
import { CancelRideDto, CreateRideDto, PhoneBookingDto, RidesQueryDto } from './dto/create-ride.dto';
import { DispatchDecisionDto, RideDto } from './dto/ride.dto';
import { RiderSignUpDto } from './dto/sign-up.dto';
import { RiderAccountsService } from './rider-accounts.service';
import { RidesService } from './rides.service';

const IDEMPOTENCY_HEADER_DOC = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Retrying with the same key and body returns the same booking, never a second one; the same key with another body is refused (409 IDEMPOTENCY_KEY_REUSED).',
};

const BAD_BOOKING =
  'STOP_UNKNOWN, PICKUP_EQUALS_DROPOFF, STOP_OUTSIDE_AREA, OUTSIDE_SERVICE_HOURS, TIME_IN_PAST, BEYOND_BOOKING_HORIZON, PASSENGERS_OUT_OF_RANGE (422); VALIDATION_FAILED, MALFORMED_JSON (400)';

@ApiTags('shuttle riders')
@Controller('v1/riders')
export class RidersController {
  constructor(private readonly accounts: RiderAccountsService) {}

  @Post('sign-up')
  @Public()
  @ApiOperation({ summary: '회원가입 · Sign up as a rider with the employer code of a park company; returns tokens' })
  @ApiCreatedResponse({ type: TokenPairDto })
  @ApiUnprocessableEntityResponse({ description: 'EMPLOYER_CODE_UNKNOWN' })
  @ApiConflictResponse({ description: 'EMAIL_TAKEN, PHONE_TAKEN' })
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
  @Roles(Role.Rider)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '승차 요청 · Request a ride',
    description: 'Accepted at once with status `requested` (or `scheduled` when far ahead); the dispatcher then answers with `assigned` or `rejected` over the live socket (`ride.status`).',
  })
  @ApiAcceptedResponse({ type: RideDto })
  @ApiUnprocessableEntityResponse({ description: BAD_BOOKING })
  @ApiConflictResponse({ description: 'IDEMPOTENCY_KEY_REUSED' })
  book(@CurrentPrincipal() principal: Principal, @Body() body: CreateRideDto, @Headers('idempotency-key') key?: string): Promise<RideDto> {
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
  @ApiNotFoundResponse({ description: 'RIDE_NOT_FOUND' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<RideDto> {
    return this.rides.get(principal, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(Role.Rider, Role.Dispatcher, Role.Admin)
  @ApiOperation({ summary: '취소 · Cancel a ride: free until the van is on its way, then recorded as a late cancel' })
  @ApiOkResponse({ type: RideDto })
  @ApiConflictResponse({ description: 'RIDE_INVALID_TRANSITION (on board or finished)' })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: CancelRideDto): Promise<RideDto> {
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
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '전화 예약 · Book for a caller by phone (name + phone, no account)',
    description: 'The ride behaves like any other; it is kept under a phone-only rider that cannot sign in.',
  })
  @ApiAcceptedResponse({ type: RideDto })
  @ApiUnprocessableEntityResponse({ description: BAD_BOOKING })
  book(@CurrentPrincipal() principal: Principal, @Body() body: PhoneBookingDto, @Headers('idempotency-key') key?: string): Promise<RideDto> {
    return this.rides.bookByPhone(principal, body, key);
  }

  @Get(':id/decisions')
  @ApiOperation({ summary: 'What the dispatcher decided about a ride, and why' })
  @ApiOkResponse({ type: [DispatchDecisionDto] })
  decisions(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<DispatchDecisionDto[]> {
    return this.rides.decisions(principal, id);
  }
}
