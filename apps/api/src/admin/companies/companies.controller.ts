import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@app/auth';
import { ErrorCodes, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import {
  AdminCompanyDto,
  CompanyQueryDto,
  CompanyRiderDto,
  CreateCompanyDto,
  SuspendCompanyDto,
  UpdateCompanyDto,
} from './company.dto';
import { CompaniesService } from './companies.service';

@ApiTags('admin: companies')
@ApiBearerAuth()
@Controller('v1/admin/companies')
@Roles(Role.Dispatcher, Role.Admin)
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  @ApiOperation({ summary: 'Park companies and their employer codes' })
  @ApiOkResponse({ type: [AdminCompanyDto] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: CompanyQueryDto): Promise<AdminCompanyDto[]> {
    return this.companies.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One company' })
  @ApiOkResponse({ type: AdminCompanyDto })
  @ApiProblems(ErrorCodes.COMPANY_NOT_FOUND)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AdminCompanyDto> {
    return this.companies.get(principal, id);
  }

  @Get(':id/riders')
  @ApiOperation({ summary: 'Riders registered with a company' })
  @ApiOkResponse({ type: [CompanyRiderDto] })
  @ApiProblems(ErrorCodes.COMPANY_NOT_FOUND)
  riders(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<CompanyRiderDto[]> {
    return this.companies.riders(principal, id);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Add a company with its employer code',
    description: 'COMPANY_CODE_TAKEN (409); AREA_NOT_FOUND, COMPANY_PLACE_INVALID (422).',
  })
  @ApiCreatedResponse({ type: AdminCompanyDto })
  @ApiProblems([ErrorCodes.AREA_NOT_FOUND, 422], ErrorCodes.COMPANY_PLACE_INVALID, ErrorCodes.COMPANY_CODE_TAKEN)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateCompanyDto): Promise<AdminCompanyDto> {
    return this.companies.create(principal, body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Rename a company, change its code or place' })
  @ApiOkResponse({ type: AdminCompanyDto })
  @ApiProblems(ErrorCodes.COMPANY_NOT_FOUND, ErrorCodes.COMPANY_PLACE_INVALID, ErrorCodes.COMPANY_CODE_TAKEN)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCompanyDto,
  ): Promise<AdminCompanyDto> {
    return this.companies.update(principal, id, body);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Suspend: its riders cannot book new rides' })
  @ApiOkResponse({ type: AdminCompanyDto })
  @ApiProblems(ErrorCodes.COMPANY_NOT_FOUND)
  suspend(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SuspendCompanyDto,
  ): Promise<AdminCompanyDto> {
    return this.companies.suspend(principal, id, body.reason);
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Lift a suspension' })
  @ApiOkResponse({ type: AdminCompanyDto })
  @ApiProblems(ErrorCodes.COMPANY_NOT_FOUND)
  reinstate(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AdminCompanyDto> {
    return this.companies.reinstate(principal, id);
  }
}
