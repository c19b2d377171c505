import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { listenOrExit, preflight } from '@app/http';
import { createDispatcherApp } from './dispatcher.app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await preflight(config, 'dispatcher');
  const app = await createDispatcherApp(config);
  const port = await listenOrExit(app, config.ports.dispatcher, 'DISPATCHER_PORT', 'dispatcher', config.bindHost);
  process.stdout.write(`dispatcher consuming; health on http://localhost:${port}/health\n`);
}

void main();
