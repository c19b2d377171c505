import 'reflect-metadata';
import { DateTime } from 'luxon';
import { AppConfig, loadConfigOrExit } from '@app/config';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role, StaffKind } from '@app/domain';
import { clockOf, DayParams, GEOMDAN_DAY, generateDemand } from '@app/simulation';
import { ApiClient } from './client';
import { DriverAgent } from './driver-agent';
import { LuggageTraffic } from './luggage';
import { prepareOperations } from './operator';
import { DemandClock } from './pacing';
import { RiderCrowd } from './riders';
import {
  prepareSimLuggageArea,
  prepareSimShuttleArea,
  prepareSimStaff,
  SIM_EMPLOYER_CODE,
  SIM_PLACE_PREFIX,
} from './sim-accounts';
import { World } from './world';

export interface SimulatorHandle {
  readonly world: World;
  stop(): Promise<void>;
}

export interface SimulatorOptions {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly speed: number;
  readonly roadFactor: number;
  readonly params?: DayParams;
  readonly seed?: number;
  /** Real seconds a driver stays at a stop (default 20; the plan allows the area's dwell). */
  readonly dwellS?: number;
  readonly luggage?: boolean;
  /** Tests only: vans drive this many times faster than planned (default 1). */
  readonly driveSpeedFactor?: number;
  readonly say?: (line: string) => void;
}

async function until<T>(what: string, attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/**
 * Starts the simulated people against a running stack (public API + gateway only) and returns
 * a handle to stop them. Demand is paced `speed`× faster than real time; vans drive, dwell and
 * wait for no-shows in real time, at the pace the dispatcher planned.
 */
export async function startSimulator(options: SimulatorOptions): Promise<SimulatorHandle> {
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const params = options.params ?? GEOMDAN_DAY;
  const seed = options.seed ?? Math.floor(Date.now() / 1000) % 100_000;
  const world = new World();
  const timers: NodeJS.Timeout[] = [];

  const adminAccount = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
  const admin = new ApiClient(options.apiUrl, { email: adminAccount.email, password: adminAccount.password });
  await until('admin sign-in', () => admin.signIn(), 60_000);
  // Its own areas, drivers, couriers and vans: the printed demo logins and the demo areas stay the people's own.
  const shuttleArea = await prepareSimShuttleArea(admin, say);
  if (!shuttleArea) throw new Error('the demo area "geomdan" is missing (is the demo seed on?)');
  const luggageArea = options.luggage !== false ? await prepareSimLuggageArea(admin, say) : null;
  const crew = await prepareSimStaff(
    admin,
    options.apiUrl,
    say,
    luggageArea ? [shuttleArea, luggageArea] : [shuttleArea],
  );
  await prepareOperations(admin, say, crew);

  const depot = params.places.find((p) => p.code === params.fleet.depot)!;
  const drivers = crew
    .filter((a) => a.kind === StaffKind.Driver)
    .map(
      (a) =>
        new DriverAgent(new ApiClient(options.apiUrl, { email: a.email, password: a.password }), world, {
          gatewayUrl: options.gatewayUrl,
          start: { lat: depot.lat, lng: depot.lng },
          roadFactor: options.roadFactor,
          dwellS: options.dwellS ?? 20,
          positionEveryMs: 3000,
          driveSpeedFactor: options.driveSpeedFactor,
          say,
        }),
    );

  const live = params.live ?? { callsPerRealHour: 20, riders: 12 };
  const clock = new DemandClock(params, options.speed, live.callsPerRealHour, seed);
  const local = DateTime.now().setZone(params.timezone);
  clock.start(Date.now(), local.hour * 3600 + local.minute * 60 + local.second);
  // Riders book the simulator's own shuttle area (sim-* stops): its drivers carry them.
  const crowd = new RiderCrowd(options.apiUrl, params, clock, world, say, SIM_PLACE_PREFIX);
  await crowd.prepare(shuttleArea.id, SIM_EMPLOYER_CODE, live.riders);
  // Travellers book the simulator's own Free-Lug area (sim-* places): its couriers carry them.
  const luggage = luggageArea
    ? new LuggageTraffic(options.apiUrl, world, seed, say, undefined, SIM_PLACE_PREFIX)
    : null;
  if (luggage) await luggage.prepare(crew.filter((a) => a.kind === StaffKind.Courier));
  // Everyone is signed in: from here on nothing throws (drivers retry their shift every 30 s).
  for (const d of drivers) await d.client.signIn();
  for (const d of drivers) await d.startShift();
  await crowd.kickOff(generateDemand(params, { seed, requests: 1 })[0]);

  const every = (ms: number, fn: () => Promise<void> | void) => {
    const t = setInterval(() => void Promise.resolve(fn()).catch((e: Error) => say(`simulator: ${e.message}`)), ms);
    timers.push(t);
  };
  every(1000, async () => {
    await Promise.all(drivers.map((d) => d.tick()));
  });
  every(1000, () => crowd.tick());
  every(30_000, async () => {
    for (const d of drivers) if (!d.onShift || Date.now() > d.shiftEnd - 5 * 60_000) await d.startShift();
  });
  // The operator keeps hours and shifts covering the demo (e.g. past the end of the seeded day).
  every(10 * 60_000, async () => {
    await prepareOperations(admin, say, crew);
  });
  if (luggage) every(2000, () => luggage.tick());
  every(60_000, () =>
    say(`simulator: simulated ${clockOf(clock.simTime(Date.now()))} (×${options.speed}) — ${world.summary()}`),
  );

  say(
    `simulator: running (demand ×${options.speed}, ${clock.requestsPerDay} calls per simulated day ≈ ${live.callsPerRealHour} per real hour; ${drivers.filter((d) => d.onShift).length} drivers on shift${luggage ? ', luggage on' : ''})`,
  );
  return {
    world,
    stop: async () => {
      timers.forEach((t) => clearInterval(t));
      drivers.forEach((d) => d.close());
      luggage?.close();
      await Promise.resolve();
    },
  };
}

function optionsFrom(config: AppConfig): SimulatorOptions {
  return {
    apiUrl: `http://127.0.0.1:${config.ports.api}`,
    gatewayUrl: `http://127.0.0.1:${config.ports.gateway}`,
    speed: config.simulator.speed,
    roadFactor: config.travel.roadFactor,
  };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.simulator.enabled) {
    process.stdout.write('simulator: off (set SIMULATOR=on to run it)\n');
    return;
  }
  let handle: SimulatorHandle | null = null;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      void (handle?.stop() ?? Promise.resolve()).then(() => process.exit(0));
    });
  // A supervisor restarts a process that exits: on a setup failure, wait and try again instead.
  for (let attempt = 0; !handle; attempt++) {
    try {
      handle = await startSimulator(optionsFrom(config));
    } catch (error) {
      if (attempt % 10 === 0)
        process.stdout.write(`simulator: cannot start (${(error as Error).message}); retrying every minute\n`);
      await new Promise((r) => setTimeout(r, 60_000));
    }
  }
}

if (require.main === module) void main();
