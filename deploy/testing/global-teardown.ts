import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __TEST_PG__?: { server: { stop(): Promise<void> }; dataDir: string } })
    .__TEST_PG__;
  if (!state) return;
  await state.server.stop();
  rmSync(state.dataDir, { recursive: true, force: true });
}
