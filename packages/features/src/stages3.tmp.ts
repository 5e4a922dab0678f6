import { GOLDEN_MESSAGES } from './golden.messages';
import { parseUrl, ENTITY_PATTERN } from './entities';
const SHORT = GOLDEN_MESSAGES.filter((m) => m.length >= 40 && m.length <= 160);
const M = SHORT.map((m, i) => `${m} ${SHORT[(i + 7) % SHORT.length]}`.slice(0, 160).toLowerCase());
const re = new RegExp(ENTITY_PATTERN.source, 'y');
// count word starts and exec cost
let execs = 0;
const N = 20000;
function runExecs() { for (const m of M) { for (let i = 0; i < m.length; i++) { if (i === 0 || m[i - 1] === ' ') { re.lastIndex = i; re.exec(m); execs++; } } } }
for (let r = 0; r < 3; r++) { const t = process.cpuUsage(); for (let k = 0; k < N / M.length; k++) runExecs(); const c = process.cpuUsage(t); console.log('exec at every word start µs/msg', ((c.user + c.system) / N).toFixed(2), 'execs/msg', (execs / N / (r + 1)).toFixed(1)); }
const urls = ['http://bit.ly/3xyz9', 'usps-redelivery.info/track', 'https://ezpass-tollpay.xyz/pay', 'www.amazon.co.uk/gp/your-orders'];
for (let r = 0; r < 3; r++) { const t = process.cpuUsage(); for (let k = 0; k < N; k++) parseUrl(urls[k % 4], false); const c = process.cpuUsage(t); console.log('parseUrl µs', ((c.user + c.system) / N).toFixed(2)); }
