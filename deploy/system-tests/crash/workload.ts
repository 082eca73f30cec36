import type { Account, Answer, Requester } from '../harness/api.ts';
import { logIn } from '../harness/api.ts';
import type { Availability } from '../harness/availability.ts';

/** What every writer of the crash suite shares. */
export interface Workload {
  api: Requester;
  availability: Availability;
  /** Acknowledged writes since the last (re)start: the kill comes after enough of them. */
  acknowledged: { sinceStart: number };
  /** Answers no writer should ever get (5xx, unexpected 4xx), with what was asked. */
  unexpected: string[];
  /** Set once the last restart is done: writers finish what they owe and stop. */
  finishing: { value: boolean };
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One request as a client would make it across crashes: waits while the system is down,
 * returns null when no answer came (the connection died with the process), and logs in
 * again when the token has expired (each restart's clock is an hour further on).
 */
export async function attempt(
  work: Workload,
  account: Account,
  send: (token: string) => Promise<Answer>,
): Promise<Answer | null> {
  await work.availability.wait();
  try {
    const token = account.token;
    let answer = await send(token);
    if (answer.status === 401) {
      // Only once per expired token, however many writers share the account.
      if (account.token === token) await logIn(work.api, account);
      answer = await send(account.token);
    }
    return answer;
  } catch {
    // No answer: the process was killed under this request (or is not up yet).
    await pause(50);
    return null;
  }
}
