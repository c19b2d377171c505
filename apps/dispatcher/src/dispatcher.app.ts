import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@app/config';
import { configureHttpApp } from '@app/http';
import { DispatcherModule } from './dispatcher.module';

/** The BullMQ worker process. Its only HTTP surface is GET /health. */
export async function createDispatcherApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(DispatcherModule.forRoot(config), { bufferLogs: true });
  configureHttpApp(app, config);
  return app;
}
