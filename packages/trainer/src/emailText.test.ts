import { describe, expect, it } from 'vitest';
import { emailToText, htmlToText } from './emailText';

describe('emailToText', () => {
  it('keeps the subject and the decoded body and drops other headers', () => {
    const raw = [
      'Received: from relay.example (1.2.3.4)',
      'Subject: =?utf-8?Q?Caf=C3=A9_offer?=',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Pay =C2=A310 now at http://x.example/pay =',
      'today',
    ].join('\n');
    const text = emailToText(raw);
    expect(text).toBe('Café offer\nPay £10 now at http://x.example/pay today');
  });

  it('prefers the plain part of a multipart/alternative message and decodes base64', () => {
    const raw = [
      'Subject: hi',
      'Content-Type: multipart/alternative; boundary="XX"',
      '',
      '--XX',
      'Content-Type: text/plain',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('plain body').toString('base64'),
      '--XX',
      'Content-Type: text/html',
      '',
      '<p>html body</p>',
      '--XX--',
    ].join('\n');
    expect(emailToText(raw)).toBe('hi\nplain body');
  });
});

describe('htmlToText', () => {
  it('drops tags, styles and comments but keeps link targets and entities', () => {
    const text = htmlToText(
      '<style>p{}</style><p>Click <a href="http://evil.example/x">here</a> &amp; win&#33;<!-- x --></p>',
    );
    expect(text.replace(/\s+/g, ' ').trim()).toBe('Click http://evil.example/x here & win!');
  });
});
