import type { SeededRandom } from './random';

/**
 * Templated message bodies. Each generator combines several independent choices (template, brand,
 * names, amounts, codes, links, filler) so the same profile produces thousands of distinct texts: a
 * model cannot memorise them, it has to learn what they share.
 */

const FIRST_NAMES = [
  'Sam',
  'Alex',
  'Priya',
  'Chen',
  'Maria',
  'Tom',
  'Aisha',
  'Lukas',
  'Sofia',
  'Kwame',
  'Jonas',
  'Emma',
  'Ravi',
  'Lena',
  'Omar',
  'Grace',
  'Mateo',
  'Yuki',
  'Noah',
  'Fatima',
  'Ines',
  'Pavel',
  'Zoe',
  'Hugo',
] as const;
const DAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'tomorrow',
  'today',
] as const;
const HONEST_BRANDS = [
  'Northwind',
  'Bluebird',
  'Larkspur',
  'Kestrel',
  'Meridian',
  'Harbor',
  'Juniper',
  'Tandem',
  'Oakline',
  'Brightpath',
  'Corvid',
  'Fernway',
  'Quayside',
  'Saltmarsh',
  'Pinecrest',
  'Riverton',
  'Aldergrove',
] as const;
const TLDS_HONEST = ['com', 'co.uk', 'de', 'io', 'app', 'fr', 'com.au'] as const;

export function honestBrand(random: SeededRandom): { name: string; domain: string } {
  const name = `${random.pick(HONEST_BRANDS)}${random.chance(0.5) ? '' : ` ${random.pick(['Health', 'Bank', 'Energy', 'Mobile', 'Dental', 'Fitness', 'Foods', 'Travel'])}`}`;
  const domain = `${name.toLowerCase().replace(/\s+/g, '')}.${random.pick(TLDS_HONEST)}`;
  return { name, domain };
}

function clock(random: SeededRandom): string {
  const h = random.int(8, 18);
  const m = random.pick(['00', '15', '30', '45']);
  return random.chance(0.5) ? `${h}:${m}` : `${h > 12 ? h - 12 : h}:${m}${h >= 12 ? 'pm' : 'am'}`;
}

function money(random: SeededRandom): string {
  const amount = random.chance(0.6) ? `${random.int(1, 9)}.${random.digits(2)}` : String(random.int(10, 400));
  return `${random.pick(['$', '£', '€'])}${amount}`;
}

// ---------- honest ----------

const OTP_TEMPLATES = [
  (b: string, c: string) => `${c} is your ${b} verification code.`,
  (b: string, c: string, r: SeededRandom) =>
    `Your ${b} code is ${c}. It expires in ${r.pick([5, 10, 15])} minutes. Don't share it with anyone.`,
  (b: string, c: string) => `${b}: use ${c} to sign in. We will never ask you for this code.`,
  (b: string, c: string, r: SeededRandom) =>
    `<#> ${c} is your ${b} login code. ${r.digits(3)}${r.pick(['Ab', 'xQ', 'k9', 'Tz'])}${r.digits(4)}`,
  (b: string, c: string) => `Your one-time passcode for ${b} is ${c}`,
  (b: string, c: string) => `${b} security code: ${c}. If you didn't request it, ignore this message.`,
  (b: string, c: string) => `Use code ${c} to confirm your ${b} account.`,
  (b: string, c: string) => `${c} - ${b} confirmation code`,
] as const;

export type OtpTemplate = number;

export function otpTemplate(random: SeededRandom): OtpTemplate {
  return random.int(0, OTP_TEMPLATES.length - 1);
}

export function otpBody(random: SeededRandom, brand: string, template: OtpTemplate, codeLength = 6): string {
  return OTP_TEMPLATES[template](brand, random.digits(codeLength), random);
}

export function appointmentBody(random: SeededRandom, brand: { name: string; domain: string }): string {
  const name = random.pick(FIRST_NAMES);
  const day = random.pick(DAYS);
  const at = clock(random);
  switch (random.int(0, 3)) {
    case 0:
      return `Hi ${name}, this is a reminder of your appointment with ${brand.name} on ${day} at ${at}. Reply C to confirm or R to reschedule.`;
    case 1:
      return `${brand.name}: ${name}, your booking is confirmed for ${day} ${at}. Need to change it? Call us or visit ${brand.domain}/bookings`;
    case 2:
      return `Reminder: ${name}, you are booked in ${day} at ${at} (${brand.name}). Please arrive 10 minutes early.`;
    default:
      return `${brand.name} - your table for ${random.int(2, 8)} is reserved ${day} at ${at}. See you then!`;
  }
}

export function deliveryBody(random: SeededRandom, brand: { name: string; domain: string }): string {
  const ref = `${random.pick(['JD', 'NW', 'TX', 'PK'])}${random.digits(8)}`;
  const day = random.pick(DAYS);
  switch (random.int(0, 3)) {
    case 0:
      return `${brand.name}: your order ${ref} has shipped and arrives ${day}. Track it in the app or at ${brand.domain}/track`;
    case 1:
      return `Your ${brand.name} delivery is on its way, expected ${day} between ${clock(random)} and ${clock(random)}.`;
    case 2:
      return `Good news! Order ${ref} from ${brand.name} was delivered. Enjoy, and thanks for shopping with us.`;
    default:
      return `${brand.name}: your driver ${random.pick(FIRST_NAMES)} is ${random.int(2, 15)} minutes away with order ${ref}.`;
  }
}

const OFFERS = [
  'new season arrivals are here',
  'members get double points',
  'our spring menu has landed',
  'free delivery on orders over 30',
  'your favourites are back in stock',
  'the summer timetable starts next week',
  'book a free check-up this month',
] as const;

export function marketingBody(random: SeededRandom, brand: { name: string; domain: string }): string {
  const offer = random.pick(OFFERS);
  const code = `${random.pick(['SPRING', 'HELLO', 'THANKS', 'VIP', 'WELCOME'])}${random.int(10, 30)}`;
  const stop = random.pick(['Reply STOP to opt out.', 'Text STOP to unsubscribe.', 'STOP to end']);
  switch (random.int(0, 2)) {
    case 0:
      return `${brand.name}: ${offer}. Use ${code} for ${random.int(10, 25)}% off at ${brand.domain}. ${stop}`;
    case 1:
      return `Hi ${random.pick(FIRST_NAMES)}, ${offer} at ${brand.name}. See what's new at ${brand.domain} ${stop}`;
    default:
      return `${brand.name} news: ${offer}! Visit us in store or online. ${stop}`;
  }
}

export function burstBody(
  random: SeededRandom,
  brand: { name: string; domain: string },
  kind: 'flash_sale' | 'outage',
): string {
  if (kind === 'outage') {
    return `${brand.name}: we are aware of a service outage affecting ${random.pick(['internet', 'mobile data', 'power', 'card payments'])} in your area since ${clock(random)}. Our engineers are on it; updates at ${brand.domain}/status. No action is needed.`;
  }
  return `${brand.name} FLASH SALE: ${random.int(20, 50)}% off everything for the next ${random.int(2, 12)} hours only. Shop at ${brand.domain}. Reply STOP to opt out`;
}

const CHAT = [
  (r: SeededRandom) =>
    `hey are we still on for ${r.pick(['lunch', 'dinner', 'the gym', 'coffee', 'the match'])} ${r.pick(DAYS)}?`,
  (r: SeededRandom) => `running ${r.int(5, 20)} min late sorry`,
  (r: SeededRandom) =>
    `Can you pick up ${r.pick(['milk', 'bread', 'the kids', 'my parcel'])} on the way home?`,
  (r: SeededRandom) => `Happy birthday ${r.pick(FIRST_NAMES)}!! have a great day`,
  () => `ok see you there`,
  (r: SeededRandom) =>
    `Did you get my email about ${r.pick(['the trip', 'the flat', 'Saturday', 'the invoice'])}?`,
  (r: SeededRandom) => `thanks for ${r.pick(['today', 'the lift', 'dinner', 'your help'])} :)`,
  (r: SeededRandom) => `I'm at ${r.pick(['the station', 'home', 'work', 'the shop'])}, call me when you can`,
] as const;

/** Person-to-person text: real ham when the shared corpus is there, templated chat otherwise. */
export function chatBody(random: SeededRandom, realHam: readonly string[]): string {
  if (realHam.length > 0 && random.chance(0.7)) return random.pick(realHam);
  return random.pick(CHAT)(random);
}

// ---------- abusive ----------

const SPAM_TEMPLATES = [
  (r: SeededRandom, url: string) =>
    `Congratulations! You have been selected to receive a ${r.pick(['$500', '£250', '$1000'])} ${r.pick(['gift card', 'voucher', 'cash prize'])}. Claim now at ${url}`,
  (r: SeededRandom, url: string) =>
    `Get a loan of up to ${money(r)}k approved today, no credit check needed. Apply in 2 minutes: ${url}`,
  (r: SeededRandom, url: string) =>
    `Earn ${r.int(300, 900)}/day working from home! No experience needed. Limited places, start now ${url}`,
  (r: SeededRandom, url: string) =>
    `URGENT: You won the ${r.pick(['weekly', 'monthly', 'mobile'])} draw! Text WIN to ${r.digits(5)} or visit ${url} to claim your prize`,
  (r: SeededRandom, url: string) =>
    `Crypto signals that made our members ${r.int(200, 900)}% this month. Join free today: ${url}`,
  (r: SeededRandom, url: string) =>
    `Cheap meds shipped discreetly, ${r.int(60, 90)}% off pharmacy prices. Order now ${url}`,
] as const;

const SPAM_TLDS = ['top', 'xyz', 'click', 'shop', 'icu', 'live', 'info', 'buzz'] as const;
const SPAM_WORDS = [
  'win',
  'deal',
  'promo',
  'bonus',
  'gift',
  'claim',
  'offer',
  'lucky',
  'cash',
  'prize',
] as const;

export function spamHost(random: SeededRandom): string {
  return `${random.pick(SPAM_WORDS)}${random.pick(SPAM_WORDS)}${random.int(1, 99)}.${random.pick(SPAM_TLDS)}`;
}

export interface SpamCampaign {
  template: number;
  hosts: string[];
}

export function spamCampaign(random: SeededRandom): SpamCampaign {
  return {
    template: random.int(0, SPAM_TEMPLATES.length - 1),
    hosts: Array.from({ length: random.int(2, 5) }, () => spamHost(random)),
  };
}

export function spamBody(random: SeededRandom, campaign: SpamCampaign): string {
  const url = `http://${random.pick(campaign.hosts)}/${random.digits(random.int(3, 6))}`;
  const body = SPAM_TEMPLATES[campaign.template](random, url);
  // Snowshoe spammers add noise so no two texts are byte-identical.
  return random.chance(0.4) ? `${random.pick(FIRST_NAMES)}, ${body}` : body;
}

// Brand impersonation. The `unseen` set is held out of training: other brands, other stories.
const SMISHING_BRANDS = {
  train: ['USPS', 'Royal Mail', 'DHL', 'Chase', 'HSBC', 'Netflix', 'Amazon', 'PayPal'],
  unseen: ['FedEx', 'Evri', 'Barclays', 'Wells Fargo', 'Apple', 'E-ZPass', 'Santander', 'Coinbase'],
} as const;

const SMISHING_TEMPLATES = {
  train: [
    (b: string, url: string, r: SeededRandom) =>
      `${b}: your package could not be delivered due to an unpaid customs fee of ${money(r)}. Pay now at ${url}`,
    (b: string, url: string) =>
      `${b} alert: unusual sign-in detected on your account. Verify your identity at ${url} or your account will be locked.`,
    (b: string, url: string, r: SeededRandom) =>
      `${b}: we were unable to process your payment. Update your billing details within ${r.int(12, 48)} hours: ${url}`,
    (b: string, url: string, r: SeededRandom) =>
      `${b} refund of ${money(r)} is pending. Confirm your card details to receive it: ${url}`,
  ],
  unseen: [
    (b: string, url: string, r: SeededRandom) =>
      `FINAL NOTICE from ${b}: outstanding toll balance ${money(r)}. Settle today to avoid a penalty: ${url}`,
    (b: string, url: string) =>
      `${b}: a new device was added to your account. If this wasn't you, cancel it here ${url}`,
    (b: string, url: string, r: SeededRandom) =>
      `${b} parcel ${r.digits(10)} is on hold at our depot. Reschedule delivery and pay the ${money(r)} fee: ${url}`,
    (b: string, url: string) =>
      `Dear customer, your ${b} card has been suspended. Reactivate it now at ${url}`,
  ],
} as const;

export type VariantSet = 'train' | 'unseen';

/** Phishing hosts rotate: look-alike domains, throwaway TLDs; the unseen set uses other shapes entirely. */
export function smishingHost(random: SeededRandom, brand: string, set: VariantSet): string {
  const slug = brand.toLowerCase().replace(/[^a-z]/g, '');
  if (set === 'train') {
    const word = random.pick(['secure', 'verify', 'redelivery', 'billing', 'support', 'account']);
    return random.chance(0.5)
      ? `${slug}-${word}${random.int(1, 999)}.${random.pick(SPAM_TLDS)}`
      : `${word}-${slug}.${random.pick(['com', 'net', 'info'])}-${random.digits(3)}.${random.pick(SPAM_TLDS)}`;
  }
  switch (random.int(0, 2)) {
    case 0:
      return `${slug}${random.digits(2)}.${random.pick(['web.app', 'pages.dev', 'vercel.app', 'netlify.app'])}`;
    case 1:
      return `${random.pick(['my', 'go', 'e'])}${slug}-${random.pick(['help', 'pay', 'toll', 'care'])}.${random.pick(['cc', 'vip', 'sbs', 'cfd'])}`;
    default:
      return `${random.pick(['bit.ly', 'tinyurl.com', 'is.gd', 'rb.gy'])}`;
  }
}

const HOMOGLYPHS: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', i: 'і' };
const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5' };

/** Evasive spelling that the feature normaliser is meant to undo. */
export function evade(random: SeededRandom, text: string): string {
  switch (random.int(0, 4)) {
    case 0:
      return text.replace(/[aeopci]/g, (ch) => (random.chance(0.3) ? HOMOGLYPHS[ch] : ch));
    case 1:
      return text.replace(/\b(verify|account|package|payment|refund|card|fee)\b/gi, (w) =>
        w.replace(/[aeios]/gi, (ch) => LEET[ch.toLowerCase()] ?? ch),
      );
    case 2:
      return text.replace(/\b(Pay now|Verify|URGENT|FINAL NOTICE)\b/g, (w) => w.split('').join(' '));
    case 3:
      return text.replace(/https?:\/\//, 'hxxp://').replace(/\.(?=[a-z]{2,4}\b)/, '[.]');
    default:
      return text.replace(/ /g, (s) => (random.chance(0.15) ? '\u200b ' : s));
  }
}

export interface SmishingCampaign {
  brand: string;
  template: number;
  set: VariantSet;
}

export function smishingCampaign(random: SeededRandom, set: VariantSet): SmishingCampaign {
  return {
    brand: random.pick(SMISHING_BRANDS[set]),
    template: random.int(0, SMISHING_TEMPLATES[set].length - 1),
    set,
  };
}

export function smishingBody(random: SeededRandom, campaign: SmishingCampaign, host: string): string {
  const path = random.chance(0.5)
    ? `/${random.digits(4)}`
    : `/${random.pick(['pay', 'verify', 'login', 'track'])}?id=${random.digits(6)}`;
  const url = `${random.chance(0.8) ? 'https' : 'http'}://${host}${path}`;
  const text = SMISHING_TEMPLATES[campaign.set][campaign.template](campaign.brand, url, random);
  return random.chance(0.5) ? evade(random, text) : text;
}

const DRIP_TEMPLATES = [
  (r: SeededRandom) =>
    `Hi, I'm ${r.pick(FIRST_NAMES)}, a recruiter. We have a part-time remote job paying ${r.int(200, 800)}/day. Interested? WhatsApp me on +${r.digits(11)}`,
  (r: SeededRandom) =>
    `Hello, is this ${r.pick(FIRST_NAMES)}? Sorry, wrong number I think... nice to meet you anyway, where are you from?`,
  (r: SeededRandom) =>
    `Your number won a ${r.pick(['£', '$'])}${r.int(500, 5000)} reward in our customer survey. Reply YES with your name and address to receive it.`,
  (r: SeededRandom) =>
    `Investment tip: our members doubled their savings in ${r.int(2, 8)} weeks. Message me to learn how, limited spots.`,
] as const;

export function slowDripBody(random: SeededRandom): string {
  return random.pick(DRIP_TEMPLATES)(random);
}
