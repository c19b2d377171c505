import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { ApiProblems } from '@app/http';
import { CancelResultDto, TrackingDto } from './dto/tracking.dto';
import { LuggageBookingService } from './luggage-booking.service';
import { hashToken } from './secrets';
import { TrackingService } from './tracking.service';
import { ErrorCodes } from '@app/domain';

/** The traveller's link: the token is the only credential, and it shows one booking only. */
@ApiTags('luggage tracking')
@Controller('v1/tracking')
export class TrackingController {
  constructor(
    private readonly tracking: TrackingService,
    private readonly bookings: LuggageBookingService,
  ) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: "Status, ETA and (while it concerns the traveller) the courier's position. 배송 조회." })
  @ApiOkResponse({ type: TrackingDto })
  @ApiProblems(ErrorCodes.TRACKING_TOKEN_INVALID)
  track(@Param('token') token: string): Promise<TrackingDto> {
    return this.tracking.track(token);
  }

  @Post(':token/cancel')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel: free until the courier sets off for the pickup, then the fee is recorded' })
  @ApiOkResponse({ type: CancelResultDto })
  @ApiProblems(
    ErrorCodes.TRACKING_TOKEN_INVALID,
    ErrorCodes.LUGGAGE_BOOKING_NOT_FOUND,
    ErrorCodes.LUGGAGE_NOT_CANCELLABLE,
  )
  async cancel(@Param('token') token: string): Promise<CancelResultDto> {
    await this.tracking.bookingByToken(token);
    return this.bookings.cancel({ trackingTokenHash: hashToken(token) }, { userId: null, role: 'traveller' });
  }
}
