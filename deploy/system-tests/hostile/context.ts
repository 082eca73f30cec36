import type { Account, Requester } from '../harness/api.ts';

/** What a hostile case is sent with: the hostile user's account on the system of the moment. */
export interface HostileContext {
  api: Requester;
  baseUrl: string;
  hostile: Account;
}
