import { GOLDEN_MESSAGES } from './golden.messages';
import { createRawStats, scanRaw, foldWords, undefang, joinSpacedLetters, decodeLeetspeak, leetDecoding } from './normalize';
import { extractEntities } from './entities';
import { compileTerms, matchTerms } from './terms';
import { LEXICONS, LEXICON_NAMES, BRAND_MENTIONS, LEET_VOCABULARY } from './lexicons';
const SHORT = GOLDEN_MESSAGES.filter((m) => m.length >= 40 && m.length <= 160);
const M = SHORT.map((m, i) => `${m} ${SHORT[(i + 7) % SHORT.length]}`.slice(0, 160));
const vocab = { words: new Set<string>(LEET_VOCABULARY), stems: ['verif', 'suspend'] };
const matcher = compileTerms([...LEXICON_NAMES.map((n) => LEXICONS[n] as readonly string[]), BRAND_MENTIONS.map((m) => ({ text: m.text, tag: m.brand }))]);
const isLeet = (w: string) => leetDecoding(w, vocab) !== null;
function upTo(stage: number, text: string): string {
  const stats = createRawStats(); const ev = { count: 0 };
  let s = scanRaw(text, 65536, stats, ev); if (stage === 0) return s;
  if (stats.nonAscii) s = s.normalize('NFKC'); if (stage === 1) return s;
  s = joinSpacedLetters(s, vocab, ev); if (stage === 2) return s;
  s = foldWords(s, stats, ev); if (stage === 3) return s;
  s = undefang(s, ev); if (stage === 4) return s;
  const entities = { urls: [], phones: 0, emails: 0, money: 0, otpCodes: 0, tags: [] };
  s = extractEntities(s, entities, isLeet); if (stage === 5) return s;
  s = decodeLeetspeak(s, vocab, ev); if (stage === 6) return s;
  let hits = 0; matchTerms(s, matcher, stats.noSpaceScript, () => { hits++; }); return s;
}
const N = 50000;
for (let stage = 0; stage <= 7; stage++) {
  for (let i = 0; i < 5000; i++) upTo(stage, M[i % M.length]);
  let best = 1e9;
  for (let r = 0; r < 3; r++) { const t = process.cpuUsage(); for (let i = 0; i < N; i++) upTo(stage, M[i % M.length]); const c = process.cpuUsage(t); best = Math.min(best, (c.user + c.system) / N); }
  console.log('up to stage', stage, best.toFixed(2), 'µs');
}
