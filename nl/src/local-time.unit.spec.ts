import { describe, expect, it } from '@jest/globals';
import { usableZone } from './local-time.ts';

describe('usableZone', () => {
  it('keeps a zone that resolves and reads one that does not as UTC', () => {
    expect(usableZone('Pacific/Kiritimati')).toBe('Pacific/Kiritimati');
    expect(usableZone('America/New_York')).toBe('America/New_York');
    expect(usableZone('Mars/Olympus_Mons')).toBe('UTC');
  });
});
