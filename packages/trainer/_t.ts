import { loadSpamAssassin } from './src/corpora';
const sa = loadSpamAssassin().messages;
let withUrl = { ham: 0, spam: 0 }, n = { ham: 0, spam: 0 };
let footer = 0, quoted = 0, sig = 0, yahoo = 0;
for (const m of sa) {
  const k = m.abusive ? 'spam' : 'ham';
  n[k]++;
  if (/https?:\/\/|www\./i.test(m.text)) withUrl[k]++;
  if (!m.abusive) {
    if (/^_{20,}\s*$/m.test(m.text)) footer++;
    if (/^>/m.test(m.text)) quoted++;
    if (/^-- ?$/m.test(m.text)) sig++;
    if (/Yahoo! Groups Sponsor/.test(m.text)) yahoo++;
  }
}
console.log(withUrl, n, { footer, quoted, sig, yahoo });
