/**
 * Why applying an event failed, as far as the error tells:
 * - `transient`: the infrastructure, not the event (a lost connection, a broker that is
 *   down, a deadlock): retry as long as it takes, never quarantine;
 * - `poison`: the event itself can never be applied as it is (PostgreSQL refused the data):
 *   quarantine at once;
 * - `unknown`: anything else; quarantined only after failing alone several times.
 */
export type FailureKind = 'transient' | 'poison' | 'unknown';

const TRANSIENT_NODE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** kafkajs errors that mean the broker or the network, not the record. */
const TRANSIENT_KAFKA_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSTimeout',
  'KafkaJSAggregateError',
]);

interface ErrorLike {
  name?: string;
  code?: unknown;
  retriable?: boolean;
  cause?: unknown;
  originalError?: unknown;
}

export function classifyFailure(error: unknown, depth = 0): FailureKind {
  if (typeof error !== 'object' || error === null || depth > 5) return 'unknown';
  const e = error as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : '';
  if (TRANSIENT_NODE_CODES.has(code)) return 'transient';
  if (e.name === 'KnexTimeoutError') return 'transient';
  // PostgreSQL SQLSTATE classes: 08 connection, 40 rollback (serialisation, deadlock),
  // 53 insufficient resources, 57 operator intervention (shutdown), 58 system error.
  if (/^(08|40|53|57|58)[0-9A-Z]{3}$/.test(code)) return 'transient';
  // 22 data exception (a value out of range, bad text), 23 integrity constraint.
  if (/^(22|23)[0-9A-Z]{3}$/.test(code)) return 'poison';
  if (e.name && TRANSIENT_KAFKA_ERRORS.has(e.name)) return 'transient';
  // kafkajs wraps the last error after its own retries; its `retriable` says which it was.
  const inner = e.originalError ?? e.cause;
  if (inner) {
    const kind = classifyFailure(inner, depth + 1);
    if (kind !== 'unknown') return kind;
  }
  if (e.name === 'KafkaJSNumberOfRetriesExceeded') return 'transient';
  // kafkajs, and our own adapters' errors (DaprPublishError), say whether a retry may help.
  if ((e.name?.startsWith('KafkaJS') || e.name === 'DaprPublishError') && e.retriable === true)
    return 'transient';
  return 'unknown';
}
