import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@app/config';
import { configureHttpApp } from '@app/http';
import { ApiModule } from './api.module';
import { buildApiDocument } from './openapi/api-document';
import { serveWebPages } from './web-config/serve-web';

/** Builds the booking API (not yet listening): used by main.ts and by e2e tests. */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), { bufferLogs: true });
  configureHttpApp(app, config);
  serveWebPages(app, config);
  const document = buildApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
