import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@app/auth';
import { ErrorCodes, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import { AdminShiftDto, CreateShiftDto, ShiftQueryDto, UpdateShiftDto } from './shift.dto';
import { ShiftsService } from './shifts.service';

@ApiTags('admin: rosters')
@ApiBearerAuth()
@Controller('v1/admin/shifts')
@Roles(Role.Dispatcher, Role.Admin)
export class ShiftsController {
  constructor(private readonly shifts: ShiftsService) {}

  @Get()
  @ApiOperation({ summary: "Planned and running shifts of the caller's areas" })
  @ApiOkResponse({ type: [AdminShiftDto] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ShiftQueryDto): Promise<AdminShiftDto[]> {
    return this.shifts.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One shift' })
  @ApiOkResponse({ type: AdminShiftDto })
  @ApiProblems(ErrorCodes.SHIFT_NOT_FOUND)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AdminShiftDto> {
    return this.shifts.get(principal, id);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Plan a shift for a person and a van, with breaks',
    description:
      'Errors: SHIFT_TIMES_INVALID, SHIFT_BREAK_INVALID, SHIFT_STAFF_NOT_IN_AREA, STAFF_INACTIVE, STAFF_NOT_FOUND, VEHICLE_NOT_FOUND (422); SHIFT_OVERLAPS_STAFF, SHIFT_OVERLAPS_VEHICLE (409).',
  })
  @ApiCreatedResponse({ type: AdminShiftDto })
  @ApiProblems(
    ErrorCodes.SHIFT_TIMES_INVALID,
    ErrorCodes.SHIFT_BREAK_INVALID,
    [ErrorCodes.STAFF_NOT_FOUND, 422],
    [ErrorCodes.STAFF_INACTIVE, 422],
    [ErrorCodes.VEHICLE_NOT_FOUND, 422],
    ErrorCodes.SHIFT_STAFF_NOT_IN_AREA,
    ErrorCodes.SHIFT_OVERLAPS_STAFF,
    ErrorCodes.SHIFT_OVERLAPS_VEHICLE,
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateShiftDto): Promise<AdminShiftDto> {
    return this.shifts.create(principal, body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Move, shorten, extend or re-assign a shift',
    description:
      "Starting later or ending earlier re-plans the van's open work (dispatch job vehicle-unavailable, reason shift_ended).",
  })
  @ApiOkResponse({ type: AdminShiftDto })
  @ApiProblems(
    ErrorCodes.SHIFT_NOT_FOUND,
    ErrorCodes.SHIFT_CLOSED,
    ErrorCodes.SHIFT_ALREADY_STARTED,
    ErrorCodes.SHIFT_TIMES_INVALID,
    ErrorCodes.SHIFT_BREAK_INVALID,
    [ErrorCodes.STAFF_NOT_FOUND, 422],
    [ErrorCodes.STAFF_INACTIVE, 422],
    [ErrorCodes.VEHICLE_NOT_FOUND, 422],
    ErrorCodes.SHIFT_STAFF_NOT_IN_AREA,
    ErrorCodes.SHIFT_OVERLAPS_STAFF,
    ErrorCodes.SHIFT_OVERLAPS_VEHICLE,
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateShiftDto,
  ): Promise<AdminShiftDto> {
    return this.shifts.update(principal, id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'End a running shift now; its open work is re-planned' })
  @ApiOkResponse({ type: AdminShiftDto })
  @ApiProblems(ErrorCodes.SHIFT_NOT_FOUND, ErrorCodes.SHIFT_CLOSED, ErrorCodes.SHIFT_NOT_STARTED)
  end(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AdminShiftDto> {
    return this.shifts.end(principal, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Cancel a shift; any open work on its van is re-planned' })
  @ApiOkResponse({ type: AdminShiftDto })
  @ApiProblems(ErrorCodes.SHIFT_NOT_FOUND, ErrorCodes.SHIFT_CLOSED)
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AdminShiftDto> {
    return this.shifts.cancel(principal, id);
  }
}
