import { readFileSync } from 'node:fs';
import { EVASION_NAMES, EVASIONS } from '../../trainer/src/evasion';
import { analyze } from './analyze';
import { createFeatureRow, type FeatureRow, featurize } from './featurize';
import { HASH_SPACE } from './schema';

const uci = readFileSync('/work/shared/data/sms-spam-collection/SMSSpamCollection', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => {
    const i = l.indexOf('\t');
    return { label: l.slice(0, i), text: l.slice(i + 1) };
  });
const spam = uci.filter((m) => m.label === 'spam').slice(0, 400);
function hashedCos(a: FeatureRow, b: FeatureRow) {
  const ma = new Map<number, number>();
  for (let i = 0; i < a.count; i++) if (a.ids[i] < HASH_SPACE) ma.set(a.ids[i], a.values[i]);
  let dot = 0,
    nb = 0,
    na = 0;
  for (const v of ma.values()) na += v * v;
  for (let i = 0; i < b.count; i++)
    if (b.ids[i] < HASH_SPACE) {
      nb += b.values[i] ** 2;
      dot += b.values[i] * (ma.get(b.ids[i]) ?? 0);
    }
  return dot / Math.sqrt(na * nb);
}
for (const name of EVASION_NAMES) {
  let same = 0;
  const cos: number[] = [];
  let shown = 0;
  for (const m of spam) {
    const a = analyze(m.text);
    const b = analyze(EVASIONS[name](m.text));
    if (a.normalized === b.normalized) same++;
    else if (shown < 3 && process.argv[2] === name) {
      shown++;
      console.log('  A', a.normalized.slice(0, 150));
      console.log('  B', b.normalized.slice(0, 150));
    }
    cos.push(hashedCos(featurize(a, createFeatureRow()), featurize(b, createFeatureRow())));
  }
  cos.sort((x, y) => x - y);
  console.log(
    name.padEnd(14),
    'identical',
    ((same / spam.length) * 100).toFixed(1) + '%',
    'cos p10',
    cos[Math.floor(cos.length * 0.1)].toFixed(3),
    'median',
    cos[Math.floor(cos.length / 2)].toFixed(3),
  );
}
