import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../common/idempotency';
import { ShuttleApiModule } from '../shuttle/shuttle-api.module';
import { DriverController } from './driver.controller';
import { DriverService } from './driver.service';

@Module({ imports: [ShuttleApiModule, IdempotencyModule], controllers: [DriverController], providers: [DriverService] })
export class DriverApiModule {}
