import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '@app/auth';
import { ErrorCodes, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import { CustodyStepResultDto } from './dto/courier.dto';
import { LuggageBookingViewDto, LuggageListQueryDto } from './dto/dispatch-view.dto';
import { CreateLuggageBookingDto, LuggageBookingCreatedDto, QuoteDto, QuoteRequestDto } from './dto/quote.dto';
import { CancelResultDto } from './dto/tracking.dto';
import { CustodyService } from './custody.service';
import { LuggageBookingService } from './luggage-booking.service';
import { RateLimited } from '../common/rate-limit/rate-limit';

@ApiTags('luggage')
@Controller('v1/luggage')
export class LuggageController {
  constructor(
    private readonly bookings: LuggageBookingService,
    private readonly custody: CustodyService,
  ) {}

  @Post('quotes')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Price a delivery (no account needed)',
    description: 'Returns a signed offer valid for a few minutes. 프리러그 견적.',
  })
  @ApiOkResponse({ type: QuoteDto })
  @ApiProblems(
    ErrorCodes.LUGGAGE_ROUTE_INVALID,
    ErrorCodes.LUGGAGE_PLACE_UNKNOWN,
    ErrorCodes.LUGGAGE_ADDRESS_OUTSIDE_AREA,
    [ErrorCodes.PRICE_RULES_MISSING, 422],
    ErrorCodes.LUGGAGE_FLIGHT_IN_PAST,
    ErrorCodes.LUGGAGE_DEADLINE_UNREACHABLE,
    ErrorCodes.LUGGAGE_SAME_DAY_CUTOFF_PASSED,
    ErrorCodes.LUGGAGE_BAGS_INVALID,
  )
  quote(@Body() body: QuoteRequestDto): Promise<QuoteDto> {
    return this.bookings.quote(body);
  }

  @Post('bookings')
  @Public()
  @RateLimited('booking')
  @ApiOperation({
    summary: 'Book with a signed quote (no account needed)',
    description:
      'Returns the reference, the handover PIN and the tracking link (shown once). A repeated Idempotency-Key with the same body replays the first answer.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: LuggageBookingCreatedDto })
  @ApiProblems(
    ErrorCodes.LUGGAGE_ROUTE_INVALID,
    ErrorCodes.LUGGAGE_PLACE_UNKNOWN,
    ErrorCodes.LUGGAGE_ADDRESS_OUTSIDE_AREA,
    [ErrorCodes.PRICE_RULES_MISSING, 422],
    ErrorCodes.LUGGAGE_FLIGHT_IN_PAST,
    ErrorCodes.LUGGAGE_DEADLINE_UNREACHABLE,
    ErrorCodes.LUGGAGE_SAME_DAY_CUTOFF_PASSED,
    ErrorCodes.LUGGAGE_BAGS_INVALID,
    ErrorCodes.QUOTE_TAMPERED,
    ErrorCodes.QUOTE_EXPIRED,
    ErrorCodes.QUOTE_MISMATCH,
    ErrorCodes.IDEMPOTENCY_KEY_INVALID,
    ErrorCodes.IDEMPOTENCY_KEY_REUSED,
  )
  async book(
    @Body() body: CreateLuggageBookingDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<LuggageBookingCreatedDto> {
    return this.bookings.create(body, key);
  }

  @Get('bookings')
  @ApiBearerAuth()
  @Roles(Role.Dispatcher, Role.Admin)
  @ApiOperation({ summary: "Dispatch board: an area's luggage bookings (of a service date)" })
  @ApiOkResponse({ type: [LuggageBookingViewDto] })
  @ApiProblems(ErrorCodes.AREA_FORBIDDEN)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: LuggageListQueryDto,
  ): Promise<LuggageBookingViewDto[]> {
    return this.bookings.listForArea(principal, query);
  }

  @Get('bookings/:id')
  @ApiBearerAuth()
  @Roles(Role.Dispatcher, Role.Admin)
  @ApiOperation({ summary: 'One booking with its custody log' })
  @ApiOkResponse({ type: LuggageBookingViewDto })
  @ApiProblems(ErrorCodes.LUGGAGE_BOOKING_NOT_FOUND)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<LuggageBookingViewDto> {
    return this.bookings.viewWithCustody(principal, id);
  }

  @Post('bookings/:id/cancel')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(Role.Dispatcher, Role.Admin)
  @ApiOperation({ summary: "Cancel on the traveller's behalf (free until the courier sets off, then the fee)" })
  @ApiOkResponse({ type: CancelResultDto })
  @ApiProblems(ErrorCodes.LUGGAGE_BOOKING_NOT_FOUND, ErrorCodes.LUGGAGE_NOT_CANCELLABLE)
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<CancelResultDto> {
    return this.bookings.cancel(
      { id },
      { userId: principal.userId, role: principal.role },
      principal.role === Role.Admin ? undefined : principal.areaIds,
    );
  }

  @Post('bookings/:id/release-handover')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(Role.Dispatcher, Role.Admin)
  @ApiOperation({ summary: 'Release a handover locked by five wrong PINs' })
  @ApiOkResponse({ type: CustodyStepResultDto })
  @ApiProblems(ErrorCodes.LUGGAGE_BOOKING_NOT_FOUND, ErrorCodes.HANDOVER_NOT_LOCKED)
  release(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CustodyStepResultDto> {
    return this.custody.releaseHandover(principal, id);
  }
}
