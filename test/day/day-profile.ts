/**
 * How long the compressed operating day runs. `ci` (default): a few minutes, pages idle for
 * seconds between actions. `full`: pages idle for minutes, as phones on a dashboard do.
 */
export interface DayProfile {
  readonly name: 'ci' | 'full';
  /** How long a staff page sits untouched between two actions. */
  readonly idleMs: number;
  /** Journeys each staff page runs during the day. */
  readonly journeys: number;
  /** jest timeout of one scenario. */
  readonly scenarioTimeoutMs: number;
}

const PROFILES: Record<DayProfile['name'], DayProfile> = {
  ci: { name: 'ci', idleMs: 8_000, journeys: 1, scenarioTimeoutMs: 240_000 },
  full: { name: 'full', idleMs: 4 * 60_000, journeys: 6, scenarioTimeoutMs: 3 * 3_600_000 },
};

export function dayProfile(env = process.env.DAY_PROFILE): DayProfile {
  const name = (env ?? 'ci') as DayProfile['name'];
  const profile = PROFILES[name];
  if (!profile) throw new Error(`DAY_PROFILE must be one of ${Object.keys(PROFILES).join(', ')} (got "${env}")`);
  return profile;
}
