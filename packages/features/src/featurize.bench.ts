/**
 * Featurize throughput on SMS-length text, one core. Run: pnpm tsx packages/features/src/featurize.bench.ts
 * Target (issue 2): >= 50,000 messages/s.
 */
import { analyze, createFeatureRow, featurize } from './index';

// Invented SMS-length messages (no dataset text), a mix of ham, spam and smishing with evasion.
const MESSAGES = [
  'Your parcel is held at our depot: pay the £1.99 redelivery fee at http://bit.ly/3xYz9 within 24 hours',
  'Hey, running 10 mins late, save me a seat? x',
  'URGENT! Your bank account has been suspended. Verify your details now at secure-hsbc-login.top/verify',
  'Your verification code is 482913. Do not share it with anyone.',
  'C0ngratulati0ns! You have W0N a £500 Tesco gift card. Claim now: tinyurl.com/prize-claim-uk',
  'E-ZPass: You have an unpaid toll of $6.99. Pay now to avoid a late fee: https://ezpass-tollpay.xyz/pay',
  'Mum can you pick up milk on the way home please',
  'Reminder: your appointment with Dr Patel is on Tuesday 14 May at 10:30. Reply C to cancel.',
  'Hola, su paquete está retenido en aduana. Pague 2,99 € aquí: correos-envio.info/p/8k2',
  'F R E E entry to win a new iPhone! Text WIN to 87121 now!!!',
  'Ρаyраl: unusual sign-in detected. Confirm your identity at hxxps://paypal-verify[.]online/login',
  'Meeting moved to 3pm, room 4B. Bring the Q3 numbers.',
];

const totalChars = MESSAGES.reduce((n, m) => n + m.length, 0);
const row = createFeatureRow();
let sink = 0;

function run(iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const r = featurize(MESSAGES[i % MESSAGES.length], row);
    sink += r.count;
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function runAnalyzeOnly(iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += analyze(MESSAGES[i % MESSAGES.length]).normalized.length;
  return Number(process.hrtime.bigint() - start) / 1e9;
}

run(20_000); // warm-up: let the JIT settle
const iterations = 200_000;
const seconds = run(iterations);
const analyzeSeconds = runAnalyzeOnly(iterations);
const perSecond = Math.round(iterations / seconds);
console.log(
  `featurize: ${perSecond.toLocaleString('en')} messages/s (${((seconds / iterations) * 1e6).toFixed(2)} µs/message, ` +
    `avg ${Math.round(totalChars / MESSAGES.length)} chars), analyze alone ${((analyzeSeconds / iterations) * 1e6).toFixed(2)} µs/message`,
);
if (sink === 0) console.log('unreachable');
