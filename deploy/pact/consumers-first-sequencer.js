import Sequencer from '@jest/test-sequencer';

/**
 * Pact has no broker here: provider verifications read the pact files the consumer tests
 * of the same run wrote, so every `*.consumer.pacttest.ts` runs before any provider test.
 */
export default class ConsumersFirstSequencer extends Sequencer {
  sort(tests) {
    const rank = (test) => (test.path.endsWith('.consumer.pacttest.ts') ? 0 : 1);
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
}
