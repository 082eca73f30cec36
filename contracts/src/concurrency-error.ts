/**
 * The stream moved on since it was read (or already exists when creating it). Thrown by an
 * event store's append, caught by the domain's write path: it lives here, below both, so
 * that the domain needs no adapter to tell a lost race from any other failure.
 */
export class ConcurrencyError extends Error {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly actualVersion: number | null;
  constructor(streamId: string, expectedVersion: number, actualVersion: number | null) {
    super(`stream ${streamId} is at version ${actualVersion ?? 'none'}, expected ${expectedVersion}`);
    this.name = 'ConcurrencyError';
    this.streamId = streamId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}
