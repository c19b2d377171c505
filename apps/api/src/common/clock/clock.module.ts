import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@app/domain';

/** One clock for the whole api, so a test can move "now" for every rule at once. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class ClockModule {}
