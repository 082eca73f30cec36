import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { removeDataDir, type SystemProcess } from '../testing/system-process.ts';
import { apiOn, noAnswer, signUp, type Requester } from './harness/api.ts';
import { bystanderOn, bystanderStillServed, type Bystander } from './harness/bystander.ts';
import { stopPostgresLeftRunning } from './harness/postgres-left-running.ts';
import { discardStandalone, startStandalone } from './harness/standalone.ts';
import { casesFromTheIssue } from './hostile/cases-from-the-issue.ts';
import { casesOfOurOwn } from './hostile/cases-of-our-own.ts';
import type { HostileContext } from './hostile/context.ts';
import { judge } from './hostile/expectations.ts';

/** How long the bystander may wait for each step after a case: a liveness bound, not a speed claim. */
const LIVENESS_BOUND_MS = 5000;

let system: SystemProcess | undefined;
const api: Requester = apiOn(() => system!.url);
let ctx: HostileContext;
let bystander: Bystander;
/** False once a case left the system unable to serve the bystander: the next case gets a fresh one. */
let healthy = true;

async function bringUp(): Promise<void> {
  system = await startStandalone();
  ctx = { api, baseUrl: system.url, hostile: await signUp(api, 'hostile') };
  bystander = await bystanderOn(api, system.url);
}

/**
 * A case that stops other users must not hide what the cases after it do, so the broken system
 * is killed (by its PID, with the PostgreSQL it started) and a fresh one takes over.
 */
async function replaceBrokenSystem(): Promise<void> {
  bystander.socket.ws.terminate();
  await system!.crash();
  await stopPostgresLeftRunning(system!.dataDir);
  removeDataDir(system!.dataDir);
  await bringUp();
  healthy = true;
}

beforeAll(bringUp, 120_000);

afterAll(async () => {
  bystander?.socket.ws.terminate();
  await discardStandalone(system);
});

it.each([...casesFromTheIssue, ...casesOfOurOwn])(
  '$name: answered as it should be, and another user is still served',
  async (hostileCase) => {
    if (!healthy) await replaceBrokenSystem();
    const answer = await hostileCase.send(ctx).catch(noAnswer);
    const answerProblems =
      answer instanceof Error
        ? [`no answer: ${answer.message}`]
        : await judge(ctx, answer, hostileCase.expect).catch((error: Error) => [
            `could not judge: ${error.message}`,
          ]);
    const otherUsers = await bystanderStillServed(api, bystander, LIVENESS_BOUND_MS);
    healthy = otherUsers.length === 0;
    expect({ answer: answerProblems, otherUsers }).toEqual({ answer: [], otherUsers: [] });
  },
  120_000,
);
