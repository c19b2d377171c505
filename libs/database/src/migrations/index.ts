import { InitialSchema1795514532857 } from './1795514532857-InitialSchema';

// Migrations are listed explicitly so the same array works from TypeScript (tests) and dist.
export const MIGRATIONS: Array<new () => unknown> = [InitialSchema1795514532857];
