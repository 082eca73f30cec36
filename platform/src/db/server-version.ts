/**
 * The oldest PostgreSQL the system runs on: 18, for `RETURNING old` (the Dapr consumers'
 * claim of their users' sequences, platform/src/event-log/kafka/user-sequence.ts). On an older
 * server that statement would fail on every delivery, and the sidecar would retry it for ever:
 * the migrations refuse to start instead.
 */
export const MIN_SERVER_VERSION_NUM = 180000;

/** Throws, saying what is needed, when `server_version_num` is older than the minimum. */
export function assertServerVersion(serverVersionNum: number, serverVersion: string): void {
  if (Number.isFinite(serverVersionNum) && serverVersionNum >= MIN_SERVER_VERSION_NUM) return;
  throw new Error(
    `PostgreSQL ${serverVersion} is too old: the system needs PostgreSQL 18 or later (RETURNING old)`,
  );
}
