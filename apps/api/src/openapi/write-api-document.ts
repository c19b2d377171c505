import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@app/config';
import { ApiModule } from '../api.module';
import { buildApiDocument } from './api-document';

/**
 * Writes the api's OpenAPI document to a file (default dist/openapi/api.json) without a database
 * or Redis: `preview: true` resolves the module graph but creates no provider, which is all the
 * document needs. Used by `npm run lint:openapi` and `npm run api:client`.
 */
async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'dist/openapi/api.json');
  const app = await NestFactory.create(ApiModule.forRoot(loadConfigOrExit()), { preview: true, logger: false });
  const document = buildApiDocument(app);
  await app.close();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`wrote ${out} (${Object.keys(document.paths).length} paths)\n`);
}

void main();
