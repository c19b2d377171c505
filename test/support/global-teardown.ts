import './register-aliases';
import { stopTestServers } from './servers';

export default async function globalTeardown(): Promise<void> {
  await stopTestServers();
}
