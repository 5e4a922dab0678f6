import { describe, expect, it } from 'vitest';
import { appealText, appellant } from './demoAppeals';

describe('appellant', () => {
  it('has every honest holder and every takeover victim appeal, and a share of the other abusers', () => {
    expect(appellant('otp_sender', 999, 0)).toBe('honest');
    expect(appellant('account_takeover', 999, 0)).toBe('victim');
    expect(appellant('smishing', 299, 0.3)).toBe('abuser');
    expect(appellant('smishing', 300, 0.3)).toBeNull();
    expect(appellant('sms_pumping', 0, 0)).toBeNull();
  });

  it('words each kind of appeal its own way', () => {
    expect(appealText('victim', 0)).not.toBe(appealText('honest', 0));
    expect(appealText('victim', 0)).not.toBe(appealText('abuser', 0));
  });
});
