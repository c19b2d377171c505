import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModule, ThrottlerRequest } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ErrorCodes, Principal, rateLimited } from '@app/domain';
import { RateLimitRedis, RateLimitRedisModule, ResilientThrottlerStorage } from './rate-limit-redis';

export type RateLimitGroup = 'sign-in' | 'booking';
const RATE_LIMIT_GROUP = 'rate-limit:group';

/** Puts an endpoint under a stricter limit than the default (sign-in, booking creation). */
export const RateLimited = (group: RateLimitGroup) => SetMetadata(RATE_LIMIT_GROUP, group);

const groupOf = (context: ExecutionContext): RateLimitGroup | undefined =>
  Reflect.getMetadata(RATE_LIMIT_GROUP, context.getHandler()) as RateLimitGroup | undefined;

/** Three named throttlers; each applies only where its group (or the default) fits. Counted in Redis, shared by every api instance. */
export const rateLimitModule = () =>
  ThrottlerModule.forRootAsync({
    imports: [RateLimitRedisModule],
    inject: [APP_CONFIG, RateLimitRedis],
    useFactory: (config: AppConfig, redis: RateLimitRedis) => ({
      storage: new ResilientThrottlerStorage(redis.client),
      throttlers: [
        { name: 'default', ttl: 60_000, limit: config.rateLimits.defaultPerMin },
        {
          name: 'sign-in',
          ttl: 60_000,
          limit: config.rateLimits.signInPerMin,
          skipIf: (c) => groupOf(c) !== 'sign-in',
        },
        {
          name: 'booking',
          ttl: 60_000,
          limit: config.rateLimits.bookingPerMin,
          skipIf: (c) => groupOf(c) !== 'booking',
        },
      ],
    }),
  });

export interface ThrottledRequest {
  ip?: string;
  principal?: Principal;
  body?: { email?: unknown };
  route?: { path?: string };
}

/** The key each named throttler counts under. */
export function throttleKey(group: string | undefined, req: ThrottledRequest): string {
  const ip = req.ip ?? 'unknown';
  switch (group) {
    // One attacker cannot lock every account, and one account cannot be hammered from one address.
    case 'sign-in':
      return `${ip}|${typeof req.body?.email === 'string' ? req.body.email.toLowerCase().slice(0, 254) : ''}`;
    // Per account, so a rider changing networks does not get a fresh allowance; anonymous
    // bookings (luggage travellers) count per address.
    case 'booking':
      return req.principal?.userId ?? ip;
    default:
      return ip;
  }
}

/** Runs after the auth guard, so the booking limit can count per account. */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async handleRequest(requestProps: ThrottlerRequest): Promise<boolean> {
    const req = requestProps.context.switchToHttp().getRequest<ThrottledRequest>();
    const key = throttleKey(requestProps.throttler.name, req);
    return super.handleRequest({ ...requestProps, getTracker: () => key });
  }

  protected override async throwThrottlingException(_: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    // The throttler names its header after the limit (Retry-After-booking); clients read Retry-After.
    throw rateLimited(
      ErrorCodes.RATE_LIMITED,
      'Too many requests; wait a minute and try again.',
      detail.timeToBlockExpire || detail.timeToExpire,
    );
  }
}
