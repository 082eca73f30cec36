import { ConcurrencyError, toViewEvent, type ViewCommand } from '@todo/contracts';
import { VersionMismatch } from '../tasks/handle-command.ts';
import type { TaskEventStore } from '../tasks/task-event-store.ts';
import { decideViews } from './decide.ts';
import { ViewRuleViolation } from './errors.ts';
import { evolveViews, initialViewsState, type ViewsState } from './views.ts';

export interface ViewsCommandContext {
  userId: string;
  /** The user's views stream (one per user; the caller derives its id from the user's). */
  streamId: string;
  correlationId: string;
  source: string;
  /** If-Match on the views as a whole (a reorder): refuse when they have moved on. */
  expectedStreamVersion?: number;
}

export interface ViewsCommandResult {
  /** The view the command was about (null for a reorder). */
  viewId: string | null;
  /** That view's version after the command (the stream's for a reorder), its ETag. */
  version: number;
  streamVersion: number;
  eventIds: string[];
}

const MAX_ATTEMPTS = 5;

export function viewsStateOf(
  events: readonly { type: string; data: unknown; streamversion: number }[],
): ViewsState {
  return events.reduce((state, envelope) => {
    const event = toViewEvent(envelope);
    return event ? evolveViews(state, event, envelope.streamversion) : state;
  }, initialViewsState);
}

/**
 * Load → decide → append for the user's views, through the same event store port as tasks.
 * A lost race is decided again against the new state: a view's own If-Match is part of the
 * decision (its version is in the state), so a change to another view does not refuse it.
 */
export async function handleViewsCommand(
  store: TaskEventStore,
  command: ViewCommand,
  context: ViewsCommandContext,
): Promise<ViewsCommandResult> {
  for (let attempt = 1; ; attempt++) {
    const stream = await store.readStream(context.streamId);
    if (stream.userId !== null && stream.userId !== context.userId) {
      throw new ViewRuleViolation('view-not-found', 'no such view');
    }
    if (context.expectedStreamVersion !== undefined && context.expectedStreamVersion !== stream.version) {
      throw new VersionMismatch(context.expectedStreamVersion, stream.version);
    }
    const state = viewsStateOf(stream.events);
    const events = decideViews(command, state);
    const viewId = 'viewId' in command ? command.viewId : null;
    if (events.length === 0) {
      const version = state.views.find((v) => v.id === viewId)?.version ?? stream.version;
      return { viewId, version, streamVersion: stream.version, eventIds: [] };
    }
    try {
      const result = await store.append(context.streamId, stream.version, events, {
        userId: context.userId,
        source: context.source,
        correlationId: context.correlationId,
      });
      return {
        viewId,
        version: result.version,
        streamVersion: result.version,
        eventIds: result.events.map((e) => e.id),
      };
    } catch (error) {
      const retryable = error instanceof ConcurrencyError && context.expectedStreamVersion === undefined;
      if (!retryable || attempt >= MAX_ATTEMPTS) {
        if (error instanceof ConcurrencyError && context.expectedStreamVersion !== undefined) {
          throw new VersionMismatch(context.expectedStreamVersion, error.actualVersion ?? 0);
        }
        throw error;
      }
    }
  }
}
