import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NextFunction, Request, Response } from 'express';
import { TokenService } from '@app/auth';
import { ErrorCodes, Role } from '@app/domain';
import { ProblemBody } from '@app/http';
import { QueueName } from '@app/queues';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'qd_token';

function tokenFrom(req: Request): string | null {
  const fromQuery = typeof req.query.token === 'string' ? req.query.token : null;
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`));
  return (
    TokenService.extract(req.headers.authorization) ??
    fromQuery ??
    (cookie ? decodeURIComponent(cookie.slice(COOKIE.length + 1)) : null)
  );
}

/**
 * bull-board for admins at /admin/queues. The UI loads assets and calls its own API with plain
 * browser requests, so the admin token may come as `?token=` once and then rides in an
 * HttpOnly cookie scoped to the dashboard path.
 */
@Module({})
export class QueueDashboardModule implements NestModule {
  constructor(
    @Inject(getQueueToken(QueueName.Dispatch)) private readonly dispatchQueue: Queue,
    @Inject(getQueueToken(QueueName.Notifications)) private readonly notificationsQueue: Queue,
    private readonly tokens: TokenService,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: [new BullMQAdapter(this.dispatchQueue), new BullMQAdapter(this.notificationsQueue)],
      serverAdapter,
    });
    const adminOnly = (req: Request, res: Response, next: NextFunction) => {
      const token = tokenFrom(req);
      try {
        if (!token) throw new Error('missing');
        const principal = this.tokens.verifyAccess(token);
        if (principal.role !== Role.Admin) {
          res.status(403).json({
            code: ErrorCodes.AUTH_ROLE_FORBIDDEN,
            message: 'The queue dashboard is for admins.',
          } satisfies ProblemBody);
          return;
        }
        if (typeof req.query.token === 'string') {
          res.cookie(COOKIE, token, {
            httpOnly: true,
            sameSite: 'strict',
            path: QUEUE_DASHBOARD_PATH,
            maxAge: this.tokens.accessTtlS * 1000,
          });
        }
        next();
      } catch {
        res.status(401).json({
          code: ErrorCodes.AUTH_REQUIRED,
          message: 'Sign in as an admin: send a Bearer token or ?token=.',
        } satisfies ProblemBody);
      }
    };
    consumer.apply(adminOnly, serverAdapter.getRouter()).forRoutes(QUEUE_DASHBOARD_PATH);
  }
}
