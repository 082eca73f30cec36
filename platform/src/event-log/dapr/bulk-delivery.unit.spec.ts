import { describe, expect, it } from '@jest/globals';
import { bulkRecords, inOrder, readRecord } from './bulk-delivery.ts';

const envelope = {
  specversion: '1.0',
  id: '0b7d6f5e-3a51-4c2e-9d58-7f7f3c1d2a10',
  source: '/todo/test',
  type: 'todo.test.happened.v1',
  time: '2026-12-01T12:00:00.000Z',
  datacontenttype: 'application/json',
  subject: 'c3f1e0a4-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  userid: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
  userseq: '1',
  streamversion: 1,
  position: '1',
  correlationid: 'c',
  causationid: null,
  data: { n: 1 },
};

describe('a bulk delivery from the sidecar', () => {
  it('given raw records in base64, when read, then each entry is its event or why it is not one', () => {
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    const records = bulkRecords({
      entries: [
        { entryId: 'a', event: base64(JSON.stringify(envelope)) },
        { entryId: 'b', event: base64('not json') },
        { entryId: 'c', event: base64(JSON.stringify({ hello: 'world' })) },
      ],
    });
    expect(records?.map((r) => r.entryId)).toEqual(['a', 'b', 'c']);
    expect(records?.[0]).toMatchObject({ event: { id: envelope.id, userseq: '1' } });
    expect(records?.[1]).toHaveProperty('invalid');
    expect(records?.[2]).toHaveProperty('invalid');
  });

  it('given the JSON the sidecar parsed itself (no rawPayload), when read, then it is the event', () => {
    expect(readRecord(envelope)).toMatchObject({ event: { id: envelope.id } });
  });

  it('given a single record rather than a bulk, when looked at, then it is not taken for a bulk', () => {
    expect(bulkRecords(envelope)).toBeNull();
    expect(bulkRecords(undefined)).toBeNull();
  });

  it('given a RETRY in a batch, when answered, then every later record is RETRY too (none applied behind it)', () => {
    expect(inOrder(['SUCCESS', 'RETRY', 'SUCCESS', 'DROP'])).toEqual(['SUCCESS', 'RETRY', 'RETRY', 'RETRY']);
    expect(inOrder(['SUCCESS', 'DROP', 'SUCCESS'])).toEqual(['SUCCESS', 'DROP', 'SUCCESS']);
  });
});
