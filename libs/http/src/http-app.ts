import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { FieldValidationPipe } from './field-validation.pipe';
import { refuseDeepJson } from './json-depth';
import { ObjectBodyPipe } from './object-body.pipe';
import { ProblemBody, ProblemFilter } from './problem.filter';
import { ErrorCodes } from '@app/domain';

/** Security headers, CORS from config, strict validation and the problem filter, the same in every app. */
export function configureHttpApp(app: INestApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  // A body we would not parse must not pass as an empty one: JSON, or multipart for uploads.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (
      hasBody &&
      ['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) &&
      !/^application\/([\w.+-]+\+)?json\b|^multipart\/form-data\b/.test(type)
    ) {
      res.status(415).json({
        code: ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
        message: 'Send the body as application/json (or multipart/form-data for uploads).',
      } satisfies ProblemBody);
      return;
    }
    next();
  });
  // Nest's own JSON parser, plus a depth check of the raw bytes before JSON.parse (400 PAYLOAD_TOO_DEEP).
  (app as NestExpressApplication).useBodyParser('json', { verify: refuseDeepJson });
  app.use(helmet({ contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' } }));
  app.enableCors({
    origin: config.corsOrigins === '*' ? true : config.corsOrigins,
    credentials: true,
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
  });
  app.useGlobalPipes(
    new ObjectBodyPipe(),
    new FieldValidationPipe({
      whitelist: true,
      // Unknown fields are refused, not silently dropped: mass-assignment attempts fail loudly.
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
}
