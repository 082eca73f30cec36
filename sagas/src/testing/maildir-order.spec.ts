import { describe, expect, it } from '@jest/globals';
import { byDeliveryTime } from './maildir-order.ts';

describe('Maildir delivery order', () => {
  it('puts a later microsecond of the same second after an earlier one with more digits', () => {
    const earlier = '1796162400.M987654P2001Q1.host';
    const later = '1796162400.M12345P2002Q1.host';
    expect([later, earlier].sort(byDeliveryTime)).toEqual([earlier, later]);
  });

  it('orders by the second first', () => {
    const first = '1796162399.M999999P1Q1.host';
    const second = '1796162400.M1P1Q2.host';
    expect([second, first].sort(byDeliveryTime)).toEqual([first, second]);
  });
});
