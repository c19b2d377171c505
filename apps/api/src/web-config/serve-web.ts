import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '@app/config';

/**
 * The pages are client-routed: these paths answer with index.html. Listed explicitly so an
 * unknown API path still gets the API's 404 problem body, never a web page.
 */
const PAGE_PATHS = /^\/(?:|rider|travel|staff|board|admin|track\/[^/]+|invite\/[^/]+)\/?$/;

/** Serves the built web pages (apps/web/dist) from the api's origin, so the pages need no CORS. */
export function serveWebPages(app: INestApplication, config: AppConfig): void {
  const dist = resolve(config.web.distDir);
  const index = join(dist, 'index.html');
  (app as NestExpressApplication).useStaticAssets(dist, {
    index: false,
    fallthrough: true,
    maxAge: '1h',
    immutable: false,
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !PAGE_PATHS.test(req.path)) return next();
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The web pages are not built: run `npm run build:web` (npm start builds them).\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
