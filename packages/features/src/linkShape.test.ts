import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { hasRandomToken, isFreeHosting, linkShape } from './linkShape';

const urlsOf = (text: string) => analyze(text).entities.urls;

describe('link shape', () => {
  it('sees generated tokens in a path but not words or plain numbers', () => {
    expect(hasRandomToken('x7hk2pq9')).toBe(true);
    expect(hasRandomToken('a8f3e9c1/confirm')).toBe(true);
    expect(hasRandomToken('orders/48213')).toBe(false);
    expect(hasRandomToken('track/parcel')).toBe(false);
  });

  it('knows free hosting and site builders by registrable domain or a shared suffix', () => {
    const [weebly] = urlsOf('see https://att-102708.weeblysite.com/');
    const [sites] = urlsOf('see https://sites.google.com/view/x');
    const [shop] = urlsOf('see https://shop.example.com/orders/1');
    expect(isFreeHosting(weebly)).toBe(true);
    expect(isFreeHosting(sites)).toBe(true);
    expect(isFreeHosting(shop)).toBe(false);
  });

  it('measures the most suspicious host of a message', () => {
    const shape = linkShape(urlsOf('pay at https://usps-redel1very-9x.top/x7Hk2pQ9 or www.amazon.com'));
    expect(shape.hyphens).toBe(2);
    expect(shape.digitShare).toBeGreaterThan(0.1);
    expect(shape.randomTokenPath).toBe(1);
    expect(shape.freeHosting).toBe(0);
  });
});
