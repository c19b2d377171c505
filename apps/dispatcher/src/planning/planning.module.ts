import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@app/domain';

/**
 * The dispatcher's clock, for every planner. Travel times come with each planner's module in
 * libs/planning (ShuttlePlanningModule, LuggagePlanningModule).
 */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class PlanningModule {}
