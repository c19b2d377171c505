// The later pickup times offered with a rejection: a search on the live plans, nothing written.
import { insertRequest, LiveState } from '@app/dispatch';
import { RideAlternative, ServiceAreaEntity } from '@app/database';
import { holidaysFromSettings, isWithinServiceHours, RideTimeMode, ShuttleSettings } from '@app/domain';
import { FleetSnapshot, PlanningTask } from './fleet-state';

/** Alternatives are searched this far apart, up to this many steps later than asked. */
const ALTERNATIVE_STEP_MIN = 10;
const ALTERNATIVE_STEPS = 12;

export interface AreaContext {
  area: ServiceAreaEntity;
  settings: ShuttleSettings;
  now: Date;
}

/** Up to three later pickup times that the present plans could take (inside service hours). */
export function laterAlternatives(
  snapshot: FleetSnapshot,
  task: PlanningTask,
  ctx: AreaContext,
  state: LiveState = snapshot.state,
): RideAlternative[] {
  const found: RideAlternative[] = [];
  const horizon = ctx.now.getTime() + ctx.settings.bookingHorizonDays * 86_400_000;
  const width = task.pickupWindow.to.getTime() - task.pickupWindow.from.getTime();
  for (let k = 1; k <= ALTERNATIVE_STEPS && found.length < 3; k++) {
    const from = new Date(task.pickupWindow.from.getTime() + k * ALTERNATIVE_STEP_MIN * 60_000);
    if (from.getTime() > horizon) break;
    if (!isWithinServiceHours(from, ctx.area.serviceHours, ctx.area.timezone, holidaysFromSettings(ctx.area.settings)))
      continue;
    const candidate: PlanningTask = {
      ...task,
      id: `${task.id}~alt${k}`,
      pickupWindow: { from, to: new Date(from.getTime() + width) },
      dropoffWindow: null,
    };
    const outcome = insertRequest(state, snapshot.request(candidate), {
      riderDelayWeight: ctx.settings.riderDelayWeight,
    });
    if (outcome.accepted) found.push({ pickupAt: from.toISOString(), mode: RideTimeMode.DepartAt });
  }
  return found;
}
