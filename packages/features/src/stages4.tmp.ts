import { brandsInHost, registrableDomain } from './entities';
import { BRANDS } from './lexicons';
const hosts = ['bit.ly', 'usps-redelivery.info', 'ezpass-tollpay.xyz', 'amazon.co.uk', 'laposte-suivi.fr', 'secure-hsbc-login.top'];
const ANY = new RegExp(BRANDS.map((b) => b.token).join('|'));
const N = 200000;
function t(name: string, f: (h: string) => unknown) { let s = 0; for (let r = 0; r < 2; r++) { const t0 = process.cpuUsage(); for (let i = 0; i < N; i++) { if (f(hosts[i % hosts.length])) s++; } const c = process.cpuUsage(t0); if (r === 1) console.log(name.padEnd(14), ((c.user + c.system) / N * 1000).toFixed(0), 'ns'); } }
t('ANY_BRAND', (h) => ANY.test(h));
t('brandsInHost', (h) => brandsInHost(h).length);
t('registrable', (h) => registrableDomain(h));
t('split', (h) => h.split(/[.-]/).length);
