import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { CourierUploadGuard } from './courier-upload.guard';
import { APP_CONFIG, AppConfig } from '@app/config';
import { NotificationsModule } from '@app/notifications';
import { AuditModule } from '../common/audit';
import { ClockModule } from '../common/clock/clock.module';
import { CourierController } from './courier.controller';
import { CustodyService } from './custody.service';
import { LuggageBookingService } from './luggage-booking.service';
import { LuggageController } from './luggage.controller';
import { LocalPhotoStorage, PHOTO_STORAGE } from './photo-storage';
import { PickupPhotosInterceptor } from './pickup-photos.interceptor';
import { PriceRulesController } from './price-rules.controller';
import { S3PhotoStorage } from './s3-photo-storage';
import { PriceRulesService } from './price-rules.service';
import { QuoteSigner } from './quote-signer';
import { TrackingController } from './tracking.controller';
import { TrackingService } from './tracking.service';

/** Free-Lug (프리러그): quotes, bookings, tracking, courier custody steps and price rules. */
@Module({
  imports: [AuditModule, ClockModule, NotificationsModule],
  controllers: [LuggageController, TrackingController, CourierController, PriceRulesController],
  providers: [
    LuggageBookingService,
    TrackingService,
    CustodyService,
    PriceRulesService,
    QuoteSigner,
    CourierUploadGuard,
    PickupPhotosInterceptor,
    // An S3-compatible bucket when S3_BUCKET is set, else local disk under DATA_DIR/photos.
    {
      provide: PHOTO_STORAGE,
      inject: [APP_CONFIG],
      // S3 photos are spooled under DATA_DIR, not the system temp dir (a tmpfs there would be memory again).
      useFactory: (config: AppConfig) =>
        config.luggage.s3
          ? new S3PhotoStorage(config.luggage.s3, undefined, join(config.dataDir, 'photo-spool'))
          : new LocalPhotoStorage(config.dataDir),
    },
  ],
})
export class LuggageModule {}
