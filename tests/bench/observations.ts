/**
 * The observations the signal-store benchmarks send (signalsCost.ts, signalsScriptProfile.ts).
 * `shape` picks which windows the traffic feeds, so differences between runs give the cost of each:
 * 'counts' (email recipients, no content fingerprint, no links: message rings and recipients),
 * 'phone' (+ countries, prefixes, prefix counts), 'content' (+ content bands), 'all' (+ a link domain
 * on every third message; the default). Message ids count up from 1: `seq()` is the last one made.
 */
export function observationSource(shape: string, accounts: number, t0 = Date.now()) {
  let seq = 0;
  const phone = shape !== 'counts';
  const withContent = shape === 'content' || shape === 'all';
  const next = () => {
    seq++;
    return {
      accountId: `AC${seq % accounts}`,
      messageId: `M${seq}`,
      to: phone ? `+4477009${String(seq % 100000).padStart(5, '0')}` : `r${seq % 100000}@example.com`,
      channel: phone ? 'sms' : 'email',
      sentAt: t0 + seq,
      fingerprint: withContent ? (seq * 2654435761).toString(16).padStart(16, '0').slice(0, 16) : '',
      linkDomains: shape === 'all' && seq % 3 === 0 ? ['bit.ly'] : [],
    };
  };
  return { next, seq: () => seq };
}
