import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { listenOrExit, preflight } from '@app/http';
import { createApiApp } from './api.app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await preflight(config, 'api');
  const app = await createApiApp(config);
  const port = await listenOrExit(app, config.ports.api, 'API_PORT', 'api', config.bindHost);
  process.stdout.write(`api listening on http://localhost:${port} (docs at /docs)\n`);
}

void main();
