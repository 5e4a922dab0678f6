import { GOLDEN_MESSAGES } from './golden.messages';
import { createRawStats, scanRaw, foldWords, undefang, joinSpacedLetters, decodeLeetspeak } from './normalize';
import { extractEntities } from './entities';
import { analyze } from './analyze';
import { featurize, createFeatureRow } from './featurize';
const SHORT = GOLDEN_MESSAGES.filter((m) => m.length >= 40 && m.length <= 160);
const M = SHORT.map((m, i) => `${m} ${SHORT[(i + 7) % SHORT.length]}`.slice(0, 160));
const vocab = { words: new Set(['free']), stems: [] as string[] };
const N = 50000;
function time(name: string, f: (m: string) => unknown) {
  let sink = 0;
  for (let i = 0; i < 5000; i++) f(M[i % M.length]);
  let best = 1e9;
  for (let r = 0; r < 3; r++) {
  const t = process.cpuUsage();
  for (let i = 0; i < N; i++) { const r = f(M[i % M.length]); sink += typeof r === 'string' ? r.length : 1; }
  const c = process.cpuUsage(t); best = Math.min(best, (c.user + c.system) / N);
  }
  console.log(name.padEnd(12), best.toFixed(2), 'µs');
}
const prepared = M.map((m) => { const st = createRawStats(); const ev = { count: 0 }; let s = scanRaw(m, 1e5, st, ev); if (st.nonAscii) s = s.normalize('NFKC'); const sp = joinSpacedLetters(s, vocab, ev); const f = foldWords(sp, st, ev); return { st, s, f }; });
const byMsg = new Map(M.map((m, i) => [m, prepared[i]]));
console.log('non-ascii share', prepared.filter((p) => p.st.nonAscii).length / M.length);
time('scanRaw', (m) => scanRaw(m, 1e5, createRawStats(), { count: 0 }));
time('nfkc', (m) => m.normalize('NFKC'));
time('spaced', (m) => joinSpacedLetters(byMsg.get(m)!.s, vocab, { count: 0 }));
time('fold', (m) => { const p = byMsg.get(m)!; return foldWords(p.s, p.st, { count: 0 }); });
time('undefang', (m) => undefang(byMsg.get(m)!.f, { count: 0 }));
time('entities', (m) => extractEntities(byMsg.get(m)!.f, { urls: [], phones: 0, emails: 0, money: 0, otpCodes: 0, tags: [] }, () => false));
time('leet', (m) => decodeLeetspeak(byMsg.get(m)!.f, vocab, { count: 0 }));
time('analyze', (m) => analyze(m));
const analyses = new Map(M.map((m) => [m, analyze(m)]));
const row = createFeatureRow();
time('featurize(A)', (m) => featurize(analyses.get(m)!, row));
