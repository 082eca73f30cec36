import { describe, expect, it } from '@jest/globals';
import { kafkaSettingsFromEnv } from './event-log/kafka/kafka-config.ts';
import { intFromEnv } from './env-int.ts';

describe('an integer setting from the environment', () => {
  it('is the fallback when unset or empty, the number otherwise', () => {
    expect(intFromEnv({}, 'N', 7, 0)).toBe(7);
    expect(intFromEnv({ N: '' }, 'N', 7, 1)).toBe(7);
    expect(intFromEnv({ N: '0' }, 'N', 7, 0)).toBe(0);
    expect(intFromEnv({ N: '12' }, 'N', 7, 1)).toBe(12);
  });

  it('refuses what is below its least value or no integer, naming the variable', () => {
    expect(() => intFromEnv({ N: '0' }, 'N', 7, 1)).toThrow('N must be a positive integer, got "0"');
    expect(() => intFromEnv({ N: '-1' }, 'N', 7, 0)).toThrow('N must be a non-negative integer, got "-1"');
    expect(() => intFromEnv({ N: 'ten' }, 'N', 7, 0)).toThrow('N must be a non-negative integer, got "ten"');
  });

  it('holds the Kafka sizes to at least 1', () => {
    expect(() => kafkaSettingsFromEnv({ KAFKA_BROKERS: 'k:9092', KAFKA_PARTITIONS: '0' })).toThrow(
      'KAFKA_PARTITIONS must be a positive integer, got "0"',
    );
  });
});
