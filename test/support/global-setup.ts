import './register-aliases';
import { startTestServers } from './servers';

export default async function globalSetup(): Promise<void> {
  await startTestServers();
}
