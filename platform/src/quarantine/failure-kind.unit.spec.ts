import { describe, expect, it } from '@jest/globals';
import { DaprPublishError, isRetriable } from '../relay/dapr-publisher.ts';
import { classifyFailure } from './failure-kind.ts';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const kafkaError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), { name, ...extra });

describe('classifying why applying an event failed', () => {
  it('calls the infrastructure transient: lost connections, deadlocks, shutdowns, pool timeouts', () => {
    for (const error of [
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      pgError('08006'), // connection failure
      pgError('40P01'), // deadlock
      pgError('40001'), // serialisation failure
      pgError('57P01'), // admin shutdown
      pgError('53300'), // too many connections
      kafkaError('KnexTimeoutError'),
    ]) {
      expect(classifyFailure(error)).toBe('transient');
    }
  });

  it('calls a broker outage transient, however kafkajs wraps it', () => {
    expect(classifyFailure(kafkaError('KafkaJSConnectionError'))).toBe('transient');
    expect(classifyFailure(kafkaError('KafkaJSRequestTimeoutError'))).toBe('transient');
    expect(
      classifyFailure(
        kafkaError('KafkaJSNumberOfRetriesExceeded', { originalError: kafkaError('KafkaJSConnectionError') }),
      ),
    ).toBe('transient');
    expect(classifyFailure(kafkaError('KafkaJSProtocolError', { retriable: true }))).toBe('transient');
  });

  it('calls a publish the Dapr sidecar refused for an outage transient, a refused record not', () => {
    // given the sidecar's answers while Kafka is down, its component not loaded, or throttled
    for (const [status, answer] of [
      [
        500,
        '{"errorCode":"ERR_PUBSUB_PUBLISH_MESSAGE","message":"kafka: client has run out of available brokers"}',
      ],
      [404, '{"errorCode":"ERR_PUBSUB_NOT_FOUND"}'],
      [429, ''],
    ] as const) {
      // then the relay retries as long as it lasts and sets no event aside
      expect(classifyFailure(new DaprPublishError('publish failed', isRetriable(status, answer)))).toBe(
        'transient',
      );
    }
    // but a record the broker refuses as such is the event's own fault
    const tooLarge = '{"message":"kafka server: Message was too large, server rejected it"}';
    expect(classifyFailure(new DaprPublishError('publish failed', isRetriable(500, tooLarge)))).toBe(
      'unknown',
    );
    expect(classifyFailure(new DaprPublishError('publish failed', isRetriable(400, 'bad request')))).toBe(
      'unknown',
    );
  });

  it('calls data PostgreSQL refuses poison: out of range, bad text, a broken constraint', () => {
    expect(classifyFailure(pgError('22008'))).toBe('poison'); // datetime field overflow
    expect(classifyFailure(pgError('22P02'))).toBe('poison'); // invalid text representation
    expect(classifyFailure(pgError('23502'))).toBe('poison'); // not null violation
  });

  it('leaves anything else unknown: quarantined only after failing on its own several times', () => {
    expect(classifyFailure(new Error('handler bug'))).toBe('unknown');
    expect(
      classifyFailure(kafkaError('KafkaJSProtocolError', { retriable: false, type: 'MESSAGE_TOO_LARGE' })),
    ).toBe('unknown');
    expect(classifyFailure('a string')).toBe('unknown');
    expect(classifyFailure(pgError('42P01'))).toBe('unknown'); // a missing table is a bug, not the event
  });
});
