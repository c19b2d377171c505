import { Module } from '@nestjs/common';
import { DiagnosticsController } from './diagnostics.controller';
import { PipelineCheckService } from './pipeline-check.service';

@Module({ controllers: [DiagnosticsController], providers: [PipelineCheckService] })
export class DiagnosticsModule {}
