import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { RunningStack, startStack } from './stack';
import { createTestContext, TestContext } from './test-context';

/** The whole stack on the demo data, with a data dir of its own (photos) and a SQL client to look under it. */
export interface SeededStack {
  stack: RunningStack;
  db: Client;
  close(): Promise<void>;
}

export async function startSeededStack(dataDirPrefix: string): Promise<SeededStack> {
  const ctx: TestContext = await createTestContext({ seed: true });
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  ctx.config = { ...ctx.config, dataDir };
  const stack = await startStack(ctx);
  const db = new Client({ connectionString: ctx.config.database.url });
  await db.connect();
  return {
    stack,
    db,
    async close() {
      await db.end();
      await stack.close();
      await ctx.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
