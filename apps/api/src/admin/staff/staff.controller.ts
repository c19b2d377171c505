import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '@app/auth';
import { ErrorCodes, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import {
  AcceptInviteDto,
  AccountLinkDto,
  AdminStaffDto,
  CreateStaffDto,
  InviteInfoDto,
  StaffInvitedDto,
  StaffQueryDto,
  UpdateStaffDto,
} from './staff.dto';
import { StaffService } from './staff.service';

@ApiTags('admin: staff')
@ApiBearerAuth()
@Controller('v1/admin/staff')
@Roles(Role.Dispatcher, Role.Admin)
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @ApiOperation({ summary: "Drivers and couriers of the caller's areas" })
  @ApiOkResponse({ type: [AdminStaffDto] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: StaffQueryDto): Promise<AdminStaffDto[]> {
    return this.staff.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One staff member' })
  @ApiOkResponse({ type: AdminStaffDto })
  @ApiProblems([ErrorCodes.STAFF_NOT_FOUND, 404])
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AdminStaffDto> {
    return this.staff.get(principal, id);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Invite a driver or courier',
    description:
      'Creates the account without a password and returns a single-use invite link (7 days). STAFF_EMAIL_TAKEN (409), AREA_NOT_FOUND (422).',
  })
  @ApiCreatedResponse({ type: StaffInvitedDto })
  @ApiProblems([ErrorCodes.AREA_NOT_FOUND, 422], ErrorCodes.STAFF_EMAIL_TAKEN)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateStaffDto): Promise<StaffInvitedDto> {
    return this.staff.create(principal, body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Edit contact, language, kind and areas' })
  @ApiOkResponse({ type: AdminStaffDto })
  @ApiProblems([ErrorCodes.STAFF_NOT_FOUND, 404], [ErrorCodes.AREA_NOT_FOUND, 422], ErrorCodes.STAFF_HAS_SHIFTS_IN_AREA)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateStaffDto,
  ): Promise<AdminStaffDto> {
    return this.staff.update(principal, id, body);
  }

  @Post(':id/reset-credentials')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Issue a single-use link (24 h) to set a new password or PIN' })
  @ApiCreatedResponse({ type: AccountLinkDto })
  @ApiProblems([ErrorCodes.STAFF_NOT_FOUND, 404], [ErrorCodes.STAFF_INACTIVE, 409])
  reset(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AccountLinkDto> {
    return this.staff.issueReset(principal, id);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Deactivate: no sign-in, future shifts cancelled, history kept' })
  @ApiOkResponse({ type: AdminStaffDto })
  @ApiProblems([ErrorCodes.STAFF_NOT_FOUND, 404])
  deactivate(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AdminStaffDto> {
    return this.staff.deactivate(principal, id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Reactivate a deactivated staff member' })
  @ApiOkResponse({ type: AdminStaffDto })
  @ApiProblems([ErrorCodes.STAFF_NOT_FOUND, 404])
  reactivate(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AdminStaffDto> {
    return this.staff.reactivate(principal, id);
  }
}

@ApiTags('auth')
@Controller('v1/invites')
export class InvitesController {
  constructor(private readonly staff: StaffService) {}

  @Get(':token')
  @Public()
  @ApiOperation({
    summary: 'Who an invite or reset link is for (to greet them by name)',
    description: 'INVITE_NOT_FOUND (404), INVITE_EXPIRED (422).',
  })
  @ApiOkResponse({ type: InviteInfoDto })
  @ApiProblems(ErrorCodes.INVITE_NOT_FOUND, ErrorCodes.INVITE_EXPIRED)
  info(@Param('token') token: string): Promise<InviteInfoDto> {
    return this.staff.inviteInfo(token);
  }

  @Post(':token/accept')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set the password or PIN with an invite or reset link (single use)' })
  @ApiNoContentResponse()
  @ApiProblems(ErrorCodes.INVITE_NOT_FOUND, ErrorCodes.INVITE_EXPIRED, ErrorCodes.INVITE_INVALID)
  accept(@Param('token') token: string, @Body() body: AcceptInviteDto): Promise<void> {
    return this.staff.accept(token, body.password);
  }
}
