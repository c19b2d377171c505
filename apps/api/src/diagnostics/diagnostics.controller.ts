import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@app/auth';
import { ErrorCodes, Principal, Role } from '@app/domain';
import { ApiProblems } from '@app/http';
import { CreatePipelineCheckDto, PipelineCheckDto } from './pipeline-check.dto';
import { PipelineCheckService } from './pipeline-check.service';

@ApiTags('diagnostics')
@ApiBearerAuth()
@Controller('v1/diagnostics/pipeline-checks')
@Roles(Role.Dispatcher, Role.Admin)
export class DiagnosticsController {
  constructor(private readonly checks: PipelineCheckService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a probe through api → queue → dispatcher → gateway',
    description:
      'Accepted at once; the dispatcher marks it processed and the gateway pushes `pipeline.checked` to the caller.',
  })
  @ApiAcceptedResponse({ type: PipelineCheckDto })
  @ApiProblems(ErrorCodes.AREA_FORBIDDEN, [ErrorCodes.AREA_NOT_FOUND, 422])
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePipelineCheckDto): Promise<PipelineCheckDto> {
    return this.checks.create(principal, body.areaId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A probe and whether the dispatcher has processed it' })
  @ApiOkResponse({ type: PipelineCheckDto })
  @ApiProblems(ErrorCodes.PIPELINE_CHECK_NOT_FOUND)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<PipelineCheckDto> {
    return this.checks.get(principal, id);
  }
}
