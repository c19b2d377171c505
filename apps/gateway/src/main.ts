import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { listenOrExit, preflight } from '@app/http';
import { createGatewayApp } from './gateway.app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await preflight(config, 'gateway');
  const app = await createGatewayApp(config);
  const port = await listenOrExit(app, config.ports.gateway, 'GATEWAY_PORT', 'gateway', config.bindHost);
  process.stdout.write(`gateway listening on ws://localhost:${port} (health at /health)\n`);
}

void main();
