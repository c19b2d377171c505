import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@app/config';
import { configureHttpApp } from '@app/http';
import { GatewayModule } from './gateway.module';
import { RedisIoAdapter } from './redis-io.adapter';

/** Socket.IO gateway on the same port as its /health. */
export async function createGatewayApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(GatewayModule.forRoot(config), { bufferLogs: true });
  configureHttpApp(app, config);
  const adapter = new RedisIoAdapter(app, config);
  await adapter.connect();
  app.useWebSocketAdapter(adapter);
  return app;
}
