import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@app/auth';
import { ErrorCodes, LuggageStatus, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import { FIELD_ACTION_KEY_DOC, IDEMPOTENCY_HEADER } from '../common/idempotency';
import { CourierPositionDto, CourierTaskDto, CustodyStepResultDto, DeliverDto, ExceptionDto, PickupFormDto, PositionInputDto } from './dto/courier.dto';
import { CourierUploadGuard } from './courier-upload.guard';
import { CustodyService, UploadedPhoto } from './custody.service';

/** The courier's app: only their own assigned bookings. Every step is appended to the custody log. */
@ApiTags('luggage courier')
@ApiBearerAuth()
@Roles(Role.Staff)
@Controller('v1/luggage/courier')
export class CourierController {
  constructor(private readonly custody: CustodyService) {}

  @Get('tasks')
  @ApiOperation({ summary: "My bookings to pick up and deliver, in plan order. 오늘의 배송." })
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
  @ApiProblems(ErrorCodes.LUGGAGE_BOOKING_NOT_FOUND, ErrorCodes.LUGGAGE_STATUS_CONFLICT, ErrorCodes.OCCURRED_AT_IN_FUTURE, ErrorCodes.OCCURRED_AT_TOO_EARLY, ErrorCodes.IDEMPOTENCY_KEY_INVALID, ErrorCodes.IDEMPOTENCY_KEY_REUSED)
  enRoute(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: PositionInputDto, @Headers(IDEMPOTENCY_HEADER) key?: string): Promise<CustodyStepResultDto> {
    return this.custody.step(principal, id, LuggageStatus.CourierEnRoute, body, key);
  }

  @Post('bookings/:id/pickup')
  @HttpCode(200)
  @ApiOperation({ summary: '인수 · Picked up the bags: their count, and one photo and tag per bag', description: 'multipart/form-data; the photos are checked to be images.' })
  // Guards run before interceptors: the body is read only once the booking is the caller's.
  @UseGuards(CourierUploadGuard)
  @UseInterceptors(FilesInterceptor('photos', 50))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['bagCount', 'tags', 'photos'],
      properties: {
        bagCount: { type: 'integer' },
        tags: { type: 'string', description: 'JSON array or comma-separated tag codes, one per photo' },
        damageNotes: { type: 'string', description: 'JSON array, one per bag ("" for none)' },
        countMismatchConfirmed: { type: 'boolean' },
        lat: { type: 'number' },
        lng: { type: 'number' },
        photos: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'JPEG, PNG or WebP; one per bag' },
      },
    },
  })
  @ApiOkResponse({ type: CustodyStepResultDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(ErrorCodes.LUGGAGE_BOOKING_NOT_FOUND, ErrorCodes.LUGGAGE_STATUS_CONFLICT, ErrorCodes.OCCURRED_AT_IN_FUTURE, ErrorCodes.OCCURRED_AT_TOO_EARLY, ErrorCodes.IDEMPOTENCY_KEY_INVALID, ErrorCodes.IDEMPOTENCY_KEY_REUSED, ErrorCodes.LUGGAGE_BAG_COUNT_MISMATCH, ErrorCodes.LUGGAGE_TAG_INVALID, ErrorCodes.LUGGAGE_PHOTO_INVALID, ErrorCodes.UPLOADS_BUSY)
  pickup(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PickupFormDto,
    @UploadedFiles() files: UploadedPhoto[] | undefined,
    @Headers(IDEMPOTENCY_HEADER) key?: string,
  ): Promise<CustodyStepResultDto> {
    return this.custody.pickup(principal, id, body, files ?? [], key);
  }

  @Post('bookings/:id/in-transit')
  @HttpCode(200)
  @ApiOperation({ summary: 'The bags are on the way to the delivery' })
  @ApiOkResponse({ type: CustodyStepResultDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(ErrorCodes.LUGGAGE_BOOKING_NOT_FOUND, ErrorCodes.LUGGAGE_STATUS_CONFLICT, ErrorCodes.OCCURRED_AT_IN_FUTURE, ErrorCodes.OCCURRED_AT_TOO_EARLY, ErrorCodes.IDEMPOTENCY_KEY_INVALID, ErrorCodes.IDEMPOTENCY_KEY_REUSED)
  inTransit(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: PositionInputDto, @Headers(IDEMPOTENCY_HEADER) key?: string): Promise<CustodyStepResultDto> {
    return this.custody.step(principal, id, LuggageStatus.InTransit, body, key);
  }

  @Post('bookings/:id/deliver')
  @HttpCode(200)
  @ApiOperation({ summary: "Hand over with the recipient's PIN (or the airport counter's signature); five wrong PINs lock the handover" })
  @ApiOkResponse({ type: CustodyStepResultDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(ErrorCodes.LUGGAGE_BOOKING_NOT_FOUND, ErrorCodes.LUGGAGE_STATUS_CONFLICT, ErrorCodes.OCCURRED_AT_IN_FUTURE, ErrorCodes.OCCURRED_AT_TOO_EARLY, ErrorCodes.IDEMPOTENCY_KEY_INVALID, ErrorCodes.IDEMPOTENCY_KEY_REUSED, ErrorCodes.PIN_INVALID, ErrorCodes.HANDOVER_LOCKED)
  deliver(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: DeliverDto, @Headers(IDEMPOTENCY_HEADER) key?: string): Promise<CustodyStepResultDto> {
    return this.custody.deliver(principal, id, body, key);
  }

  @Post('bookings/:id/exceptions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Traveller absent, bag count mismatch, damage, failed delivery (with reason)' })
  @ApiOkResponse({ type: CustodyStepResultDto })
  @ApiHeader(FIELD_ACTION_KEY_DOC)
  @ApiProblems(ErrorCodes.LUGGAGE_BOOKING_NOT_FOUND, ErrorCodes.LUGGAGE_STATUS_CONFLICT, ErrorCodes.OCCURRED_AT_IN_FUTURE, ErrorCodes.OCCURRED_AT_TOO_EARLY, ErrorCodes.IDEMPOTENCY_KEY_INVALID, ErrorCodes.IDEMPOTENCY_KEY_REUSED)
  exception(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: ExceptionDto, @Headers(IDEMPOTENCY_HEADER) key?: string): Promise<CustodyStepResultDto> {
    return this.custody.exception(principal, id, body, key);
  }
}
