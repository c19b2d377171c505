import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError, Principal } from '@app/domain';

export type RateLimitGroup = 'sign-in' | 'booking';
const RATE_LIMIT_GROUP = 'rate-limit:group';

/** Puts an endpoint under a stricter limit than the default (sign-in, booking creation). */
export const RateLimited = (group: RateLimitGroup) => SetMetadata(RATE_LIMIT_GROUP, group);

const groupOf = (context: ExecutionContext): RateLimitGroup | undefined =>
  Reflect.getMetadata(RATE_LIMIT_GROUP, context.getHandler()) as RateLimitGroup | undefined;

/** Three named throttlers; each applies only where its group (or the default) fits. */
export const rateLimitModule = () =>
  ThrottlerModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
      throttlers: [
        { name: 'default', ttl: 60_000, limit: config.rateLimits.defaultPerMin },
        { name: 'sign-in', ttl: 60_000, limit: config.rateLimits.signInPerMin, skipIf: (c) => groupOf(c) !== 'sign-in' },
        { name: 'booking', ttl: 60_000, limit: config.rateLimits.bookingPerMin, skipIf: (c) => groupOf(c) !== 'booking' },
      ],
    }),
  });

interface ThrottledRequest {
  ip?: string;
  principal?: Principal;
  body?: { email?: unknown };
  route?: { path?: string };
}

/**
 * Keys: sign-in by IP and email (one attacker cannot lock every account; one account cannot be
 * hammered from one IP), bookings by account, the rest by IP. Runs after the auth guard.
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const r = req as ThrottledRequest;
    const email = typeof r.body?.email === 'string' ? r.body.email.toLowerCase().slice(0, 254) : '';
    return `${r.ip ?? 'unknown'}|${r.principal?.userId ?? ''}|${email}`;
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw new DomainError('RATE_LIMITED', 'Too many requests; wait a minute and try again.', 'rate_limited');
  }
}
