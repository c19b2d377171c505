import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@app/config';
import { configureHttpApp } from '@app/http';
import { ApiModule } from './api.module';
import { serveWebPages } from './web-config/serve-web';

/** Builds the booking API (not yet listening): used by main.ts and by e2e tests. */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), { bufferLogs: true });
  configureHttpApp(app, config);
  serveWebPages(app, config);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Geomdan Moving Call & Free-Lug API')
      .setDescription(
        'Booking and dispatch API for the Geomdan industrial park shuttle (검단일반산업단지 무빙콜) and Free-Lug luggage delivery (프리러그). ' +
          'Errors are `{ code, message, details, requestId }` with a stable `code`. Live events are documented in the gateway section of the README.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
