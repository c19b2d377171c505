import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ErrorCodes, rateLimited } from '@app/domain';
import { RateLimitRedis } from '../common/rate-limit/rate-limit-redis';

const WINDOW_S = 15 * 60;
const STRIKES_TTL_S = 24 * 60 * 60;
const MAX_BLOCK_S = 60 * 60;

/**
 * Counts one failure; when the count reaches the limit, blocks the key for base × 2^(strikes−1)
 * seconds (capped), strikes being the blocks of the last 24 h: an attacker who waits out a block
 * gets one guess before a block twice as long. Returns { failures, blockS }.
 */
const FAIL_SCRIPT = `
local failures = redis.call('INCR', KEYS[1])
if failures == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if failures < tonumber(ARGV[1]) then return { failures, 0 } end
local strikes = redis.call('INCR', KEYS[3])
redis.call('EXPIRE', KEYS[3], ARGV[5])
local block = math.min(tonumber(ARGV[3]) * 2 ^ (strikes - 1), tonumber(ARGV[4]))
redis.call('SET', KEYS[2], '1', 'EX', block)
return { failures, block }
`;

interface Scope {
  key: string;
  limit: number;
}

/**
 * Failed sign-ins per account (any address) and per address (any account), in Redis so every
 * api instance shares them; the per-minute limit on address + email stays in the throttler.
 * Accounts are keyed by a hash of the email (no address book in Redis), unknown emails alike,
 * so the limits tell nothing about which accounts exist.
 */
@Injectable()
export class SignInLimiter {
  private readonly logger = new Logger('SignInLimiter');

  constructor(
    private readonly redis: RateLimitRedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private scopes(email: string, address: string): Scope[] {
    const account = createHash('sha256').update(email.toLowerCase()).digest('hex');
    return [
      { key: `sign-in:account:${account}`, limit: this.config.rateLimits.signInAccountFailures },
      { key: `sign-in:address:${address}`, limit: this.config.rateLimits.signInAddressFailures },
    ];
  }

  /** Refuses with 429 + Retry-After while the account or the address is blocked. */
  async assertAllowed(email: string, address: string): Promise<void> {
    let waitS = 0;
    try {
      for (const scope of this.scopes(email, address))
        waitS = Math.max(waitS, Math.ceil((await this.redis.client.pttl(`${scope.key}:blocked`)) / 1000));
    } catch (error) {
      this.logger.warn(`sign-in limits unavailable: ${(error as Error).message}`);
      return;
    }
    if (waitS > 0) throw rateLimited(ErrorCodes.RATE_LIMITED, 'Too many failed sign-ins; wait and try again.', waitS);
  }

  /** Records a failed attempt; past a limit, this attempt too is answered with 429. */
  async recordFailure(email: string, address: string): Promise<void> {
    let overS = 0;
    try {
      for (const scope of this.scopes(email, address)) {
        const [failures, blockS] = (await this.redis.client.eval(
          FAIL_SCRIPT,
          3,
          scope.key,
          `${scope.key}:blocked`,
          `${scope.key}:strikes`,
          scope.limit,
          WINDOW_S,
          this.config.rateLimits.signInBlockS,
          MAX_BLOCK_S,
          STRIKES_TTL_S,
        )) as [number, number];
        if (failures > scope.limit) overS = Math.max(overS, blockS);
      }
    } catch (error) {
      this.logger.warn(`sign-in limits unavailable: ${(error as Error).message}`);
      return;
    }
    if (overS > 0) throw rateLimited(ErrorCodes.RATE_LIMITED, 'Too many failed sign-ins; wait and try again.', overS);
  }
}
