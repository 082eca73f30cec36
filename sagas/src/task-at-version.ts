import { toTaskEvent, type AnyEnvelope } from '@todo/contracts';
import { evolve, initialState, type TaskState } from '@todo/domain';

/** The task as its events up to `version` (inclusive) describe it, by the decider's own fold. */
export function taskAtVersion(events: readonly AnyEnvelope[], version = Infinity): TaskState {
  let state = initialState;
  for (const envelope of events) {
    if (envelope.streamversion > version) break;
    const event = toTaskEvent(envelope);
    if (event) state = evolve(state, event);
  }
  return state;
}
