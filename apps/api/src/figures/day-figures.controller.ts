import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@app/auth';
import { ErrorCodes, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import { DayFiguresDto, DayFiguresQueryDto } from './day-figures.dto';
import { DayFiguresService } from './day-figures.service';

@ApiTags('dispatch figures')
@ApiBearerAuth()
@Controller('v1/dispatch/day-figures')
@Roles(Role.Dispatcher, Role.Admin)
export class DayFiguresController {
  constructor(private readonly figures: DayFiguresService) {}

  @Get()
  @ApiOperation({
    summary: '오늘의 실적 · The day’s figures of one area, from the database',
    description:
      'Shuttle: served, rejected, cancelled, wait p50/p90 (minutes), on-time pickups, van utilisation, for the rides requested for that day. Luggage: delivered, failed, cancelled, on time, for the service day. The day is the area’s calendar day (Asia/Seoul).',
  })
  @ApiOkResponse({ type: DayFiguresDto })
  @ApiProblems(ErrorCodes.AREA_FORBIDDEN, [ErrorCodes.AREA_NOT_FOUND, 404])
  get(@CurrentPrincipal() principal: Principal, @Query() query: DayFiguresQueryDto): Promise<DayFiguresDto> {
    return this.figures.forDay(principal, query.areaId, query.date);
  }
}
