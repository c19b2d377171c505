import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@app/auth';
import { ErrorCodes, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import { PriceRulesDto, PriceRulesInputDto, PriceRulesQueryDto } from './dto/price-rules.dto';
import { PriceRulesService } from './price-rules.service';

@ApiTags('luggage price rules')
@ApiBearerAuth()
@Controller('v1/luggage/price-rules')
export class PriceRulesController {
  constructor(private readonly rules: PriceRulesService) {}

  @Get()
  @Roles(Role.Dispatcher, Role.Admin)
  @ApiOperation({ summary: 'The rules in force (or a given version) for an area' })
  @ApiOkResponse({ type: PriceRulesDto })
  @ApiProblems(ErrorCodes.AREA_FORBIDDEN, [ErrorCodes.PRICE_RULES_MISSING, 404])
  current(@CurrentPrincipal() principal: Principal, @Query() query: PriceRulesQueryDto): Promise<PriceRulesDto> {
    return this.rules.current(principal, query.areaId, query.version);
  }

  @Get('history')
  @Roles(Role.Dispatcher, Role.Admin)
  @ApiOperation({ summary: 'Every version, newest first' })
  @ApiOkResponse({ type: [PriceRulesDto] })
  @ApiProblems(ErrorCodes.AREA_FORBIDDEN)
  history(@CurrentPrincipal() principal: Principal, @Query() query: PriceRulesQueryDto): Promise<PriceRulesDto[]> {
    return this.rules.history(principal, query.areaId);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Change the rules: inserts a new version (audited); new quotes use it' })
  @ApiCreatedResponse({ type: PriceRulesDto })
  @ApiProblems([ErrorCodes.AREA_NOT_FOUND, 422], ErrorCodes.PRICE_RULES_INVALID)
  change(@CurrentPrincipal() principal: Principal, @Body() body: PriceRulesInputDto): Promise<PriceRulesDto> {
    return this.rules.change(principal, body);
  }
}
