import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@app/auth';
import { ErrorCodes, LuggageStatus, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import { FIELD_ACTION_KEY_DOC, IDEMPOTENCY_HEADER } from '../common/idempotency';
import {
  CourierPositionDto,
  CourierTaskDto,
  CustodyStepResultDto,
  DeliverDto,
  ExceptionDto,
  PickupFormDto,
  PositionInputDto,
} from './dto/courier.dto';
import { CourierUploadGuard, MAX_UPLOADS_IN_FLIGHT, MAX_UPLOADS_IN_FLIGHT_PER_COURIER } from './courier-upload.guard';
import { CustodyService } from './custody.service';
import { PHOTO_FIELD, PhotoUploadRequest, PickupPhotosInterceptor } from './pickup-photos.interceptor';

/** What every custody step can be refused with (its booking, its order, its time, its retry key). */
const CUSTODY_STEP_PROBLEMS = [
  ErrorCodes.LUGGAGE_BOOKING_NOT_FOUND,
  ErrorCodes.LUGGAGE_STATUS_CONFLICT,
  ErrorCodes.OCCURRED_AT_IN_FUTURE,
  ErrorCodes.OCCURRED_AT_TOO_EARLY,
  ErrorCodes.IDEMPOTENCY_KEY_INVALID,
  ErrorCodes.IDEMPOTENCY_KEY_REUSED,
] as const;

/** The courier's app: only their own assigned bookings. Every step is appended to the custody log. */
@ApiTags('luggage courier')
@ApiBearerAuth()
@Roles(Role.Staff)
@Controller('v1/luggage/courier')
export class CourierController {
  constructor(private readonly custody: CustodyService) {}

  @Get('tasks')
  @ApiOperation({ summary: 'My bookings to pick up and deliver, in plan order. 오늘의 배송.' })
  @ApiOkResponse({ type: [CourierTaskDto] })
  @ApiProblems(ErrorCodes.LUGGAGE_BOOKING_NOT_FOUND)
  tasks(@CurrentPrincipal() principal: Principal): Promise<CourierTaskDto[]> {
    return this.custody.tasks(principal);
  }

  @Post('position')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report my position (shown only to travellers whose bags I head to or carry)' })
  @ApiProblems(ErrorCodes.LUGGAGE_BOOKING_NOT_FOUND)
  position(@CurrentPrincipal() principal: Principal, @Body() body: CourierPositionDto): Promise<{ notified: number }> {
    return this.custody.position(principal, body.lat, body.lng);
  }

  @Post('bookings/:id/en-route')
  @HttpCode(200)
  @ApiOperation({ summary: 'I set off for the pickup (cancellation is no longer free)' })
  @ApiOkResponse({ type: CustodyStepResultDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(...CUSTODY_STEP_PROBLEMS)
  enRoute(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PositionInputDto,
    @Headers(IDEMPOTENCY_HEADER) key?: string,
  ): Promise<CustodyStepResultDto> {
    return this.custody.step(principal, id, LuggageStatus.CourierEnRoute, body, key);
  }

  @Post('bookings/:id/pickup')
  @HttpCode(200)
  // Guards run before interceptors: the body is read only once the booking is the caller's and
  // there is room in flight; the interceptor then streams each photo to storage as it arrives.
  @UseGuards(CourierUploadGuard)
  @UseInterceptors(PickupPhotosInterceptor)
  @ApiOperation({
    summary: 'Pick up the bags: count, one tag and one photo per bag',
    description:
      'Photos are streamed to storage as they arrive and refused by their first bytes unless JPEG, PNG or WebP. ' +
      "At most the area's bag limit per booking (maxBags) photos, each at most LUGGAGE_PHOTO_MAX_BYTES; " +
      `at most ${MAX_UPLOADS_IN_FLIGHT_PER_COURIER} uploads per courier and ${MAX_UPLOADS_IN_FLIGHT} per api process at once. ` +
      'A refused pickup keeps no photo and writes nothing. ' +
      'LUGGAGE_TOO_MANY_PHOTOS (details.maxPhotos); LUGGAGE_PHOTO_TOO_LARGE (details.index, details.maxBytes); ' +
      'LUGGAGE_UPLOAD_TOO_LARGE (details.maxBytes): the body (declared or read) or a form field over its bound, the rest of the body is read and dropped up to that bound, then the connection is cut. ' +
      'LUGGAGE_BOOKING_NOT_FOUND and UPLOADS_BUSY (with Retry-After) are answered before the body is read.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['bagCount', 'tags', PHOTO_FIELD],
      properties: {
        bagCount: { type: 'integer' },
        tags: { type: 'string', description: 'JSON array or comma-separated tag codes, one per photo' },
        damageNotes: { type: 'string', description: 'JSON array, one per bag ("" for none)' },
        countMismatchConfirmed: { type: 'boolean' },
        lat: { type: 'number' },
        lng: { type: 'number' },
        [PHOTO_FIELD]: {
          type: 'array',
          items: { type: 'string', format: 'binary' },
          description: 'JPEG, PNG or WebP; one per bag; at most maxBags',
        },
      },
    },
  })
  @ApiOkResponse({ type: CustodyStepResultDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(
    ...CUSTODY_STEP_PROBLEMS,
    ErrorCodes.LUGGAGE_BAG_COUNT_MISMATCH,
    ErrorCodes.LUGGAGE_TAG_INVALID,
    ErrorCodes.LUGGAGE_PHOTO_INVALID,
    ErrorCodes.LUGGAGE_UPLOAD_MALFORMED,
    ErrorCodes.LUGGAGE_TOO_MANY_PHOTOS,
    ErrorCodes.LUGGAGE_PHOTO_TOO_LARGE,
    ErrorCodes.LUGGAGE_UPLOAD_TOO_LARGE,
    ErrorCodes.UPLOADS_BUSY,
  )
  pickup(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PickupFormDto,
    @Req() request: PhotoUploadRequest,
    @Headers(IDEMPOTENCY_HEADER) key?: string,
  ): Promise<CustodyStepResultDto> {
    return this.custody.pickup(principal, id, body, request.storedPhotos ?? [], key);
  }

  @Post('bookings/:id/in-transit')
  @HttpCode(200)
  @ApiOperation({ summary: 'The bags are on the way to the delivery' })
  @ApiOkResponse({ type: CustodyStepResultDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(...CUSTODY_STEP_PROBLEMS)
  inTransit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PositionInputDto,
    @Headers(IDEMPOTENCY_HEADER) key?: string,
  ): Promise<CustodyStepResultDto> {
    return this.custody.step(principal, id, LuggageStatus.InTransit, body, key);
  }

  @Post('bookings/:id/deliver')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Hand over with the recipient's PIN (or the airport counter's signature); five wrong PINs lock the handover",
  })
  @ApiOkResponse({ type: CustodyStepResultDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(...CUSTODY_STEP_PROBLEMS, ErrorCodes.PIN_INVALID, ErrorCodes.HANDOVER_LOCKED)
  deliver(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DeliverDto,
    @Headers(IDEMPOTENCY_HEADER) key?: string,
  ): Promise<CustodyStepResultDto> {
    return this.custody.deliver(principal, id, body, key);
  }

  @Post('bookings/:id/exceptions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Traveller absent, bag count mismatch, damage, failed delivery (with reason)' })
  @ApiOkResponse({ type: CustodyStepResultDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(...CUSTODY_STEP_PROBLEMS)
  exception(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ExceptionDto,
    @Headers(IDEMPOTENCY_HEADER) key?: string,
  ): Promise<CustodyStepResultDto> {
    return this.custody.exception(principal, id, body, key);
  }
}
