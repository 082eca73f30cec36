import { describe, expect, it } from '@jest/globals';
import * as contracts from '@todo/contracts';
import { FIELD_LIMITS } from './field-limits';

describe('FIELD_LIMITS', () => {
  it('equal the limits in @todo/contracts', () => {
    expect(FIELD_LIMITS).toEqual({
      TITLE_MAX: contracts.TITLE_MAX,
      DESCRIPTION_MAX: contracts.DESCRIPTION_MAX,
      TAGS_MAX: contracts.TAGS_MAX,
      TAG_MAX: contracts.TAG_MAX,
      REMINDERS_MAX: contracts.REMINDERS_MAX,
      NL_TEXT_MAX: contracts.NL_TEXT_MAX,
    });
  });
});
