import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { linkDomains } from './links';

describe('entity extraction', () => {
  it('replaces a link with a scheme and records its properties', () => {
    const a = analyze('Pay here: https://bit.ly/3xYz9Q');
    expect(a.normalized).toBe('pay here: <URL>');
    expect(a.entities.urls).toHaveLength(1);
    const url = a.entities.urls[0];
    expect(url).toMatchObject({
      domain: 'bit.ly',
      tld: 'ly',
      shortener: true,
      ipHost: false,
      punycode: false,
    });
    expect(url.pathEntropy).toBeGreaterThan(2);
  });

  it('finds bare domains with a path but not sentence typos', () => {
    const a = analyze('Update at usps-redelivery.info/abc now.Click here');
    expect(a.entities.urls.map((u) => u.domain)).toEqual(['usps-redelivery.info']);
    expect(a.entities.urls[0].bare).toBe(true);
    expect(a.entities.urls[0].suspiciousTld).toBe(true);
    expect(analyze('ok.thanks see you').entities.urls).toHaveLength(0);
  });

  it('flags IP hosts, punycode and brand names in foreign domains', () => {
    expect(analyze('http://192.168.14.2/login').entities.urls[0].ipHost).toBe(true);
    expect(analyze('http://xn--pypal-4ve.com/a').entities.urls[0].punycode).toBe(true);
    const spoof = analyze('paypal-secure.top/login').entities.urls[0];
    expect(spoof.brandImpersonation).toBe(true);
    expect(analyze('https://www.paypal.com/signin').entities.urls[0].brandImpersonation).toBe(false);
    expect(analyze('https://www.amazon.co.uk/orders').entities.urls[0].brandImpersonation).toBe(false);
    expect(analyze('https://groups.io/g/x').entities.urls[0].brandImpersonation).toBe(false);
    expect(analyze('https://ups-track.top/x').entities.urls[0].brandImpersonation).toBe(true);
    expect(analyze('https://www.gov.uk/vehicle-tax').entities.urls[0].brandImpersonation).toBe(false);
    expect(analyze('www.amaz0n-security.com').entities.urls[0].brandImpersonation).toBe(true);
    expect(analyze('paypa1.com/login').entities.urls[0].brandImpersonation).toBe(true);
  });

  it('counts brand mentions with a foreign link', () => {
    const names = analyze('USPS: your parcel awaits, see track-now.info/p').dense;
    const official = analyze('USPS: your parcel awaits, see https://www.usps.com/track').dense;
    expect(names[12]).toBeGreaterThan(0);
    expect(official[12]).toBe(0);
  });

  it('replaces emails, phones, money and codes', () => {
    const a = analyze('Mail bob@example.com or call +44 7700 900123, fee £2.99, code 482913, ref G-583920');
    expect(a.normalized).toBe('mail <EMAIL> or call <PHONE> , fee <MONEY> , code <CODE> , ref <CODE>');
    expect(a.entities).toMatchObject({ emails: 1, phones: 1, money: 1, otpCodes: 2 });
  });

  it('recognises money written several ways', () => {
    for (const text of [
      '$6.99',
      '€ 1,99',
      '1,99 €',
      '100 USD',
      '1000 TL',
      'Rp 10.000.000',
      '₺250',
      '50 dollars',
      'Rs 500',
      'Rs.2000',
      'R$ 24,90',
      '150p',
      '£1k',
    ]) {
      expect(analyze(`pay ${text} now`).entities.money, text).toBe(1);
    }
  });

  it('describes amounts and numbers by kind, never by value', () => {
    const a = analyze(
      'Pay £1.99 or win £5,000, call 09061234567 or +44 7700 900123, text WIN to 64213, code 482913',
    );
    expect(a.entities.tags).toEqual([
      'money:small',
      'money:large',
      'phone:090',
      'phone:intl',
      'phone:short',
      'code:digits6',
    ]);
  });

  it('keeps the words of a link that the <URL> token hides', () => {
    expect(analyze('https://paypal-secure.top/login/verify?id=x7Hk2').entities.urls[0].words).toEqual([
      'paypal',
      'secure',
      'login',
      'verify',
    ]);
  });

  it('treats short codes after "text ... to" as phone numbers', () => {
    const a = analyze('Text WIN to 64213');
    expect(a.normalized).toBe('text win to <PHONE>');
  });

  it('leaves years, times and small numbers as they are', () => {
    const a = analyze('See you in 2025 at 10:30, 3 of us');
    expect(a.normalized).toBe('see you in 2025 at 10:30, 3 of us');
    expect(a.entities).toMatchObject({ phones: 0, money: 0, otpCodes: 0 });
  });

  it('lists registrable link domains, unique and lower-case', () => {
    expect(
      linkDomains(
        'Go to https://Secure.Login.Evil.co.uk/a and http://bit.ly/x and evil.co.uk/b and 10.0.0.1/x',
      ),
    ).toEqual(['evil.co.uk', 'bit.ly', '10.0.0.1']);
    expect(linkDomains('no links here')).toEqual([]);
  });
});
