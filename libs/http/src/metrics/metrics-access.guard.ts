import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ErrorCodes, forbidden, unauthenticated } from '@app/domain';

interface ScrapeRequest {
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

const isLoopback = (address: string | undefined) =>
  address !== undefined && (address === '::1' || /^(::ffff:)?127\./.test(address));

/**
 * `/metrics` tells how busy the service is and which routes exist: a Prometheus with the bearer
 * METRICS_TOKEN may scrape it; without a token configured, only callers on this machine may.
 * The socket address is checked, not `req.ip`, and a request relayed by a proxy (it carries
 * Forwarded / X-Forwarded-For) is refused: a proxy on this machine would make anyone look local.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.metrics.token ? digest(config.metrics.token) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ScrapeRequest>();
    if (this.expected) {
      const header = request.headers.authorization;
      const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
      // Equal-length digests: the comparison takes as long whatever the caller sent.
      if (!match || !timingSafeEqual(digest(match[1].trim()), this.expected)) {
        throw unauthenticated(
          ErrorCodes.METRICS_TOKEN_REQUIRED,
          'Send "Authorization: Bearer <METRICS_TOKEN>" to scrape the metrics.',
        );
      }
      return true;
    }
    const relayed = request.headers.forwarded !== undefined || request.headers['x-forwarded-for'] !== undefined;
    if (relayed || !isLoopback(request.socket.remoteAddress)) {
      throw forbidden(
        ErrorCodes.METRICS_LOOPBACK_ONLY,
        'The metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere.',
      );
    }
    return true;
  }
}
