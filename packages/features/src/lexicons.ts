/**
 * Word lists matched against the normalised text (lower-case, accents folded to ASCII for Latin
 * script, homoglyphs folded, entities replaced by <URL> <PHONE> <EMAIL> <MONEY> <CODE>).
 *
 * Chosen for recent (2022-2024) smishing rather than the 2011 corpus: parcel redelivery fees, toll
 * and tax "unpaid balance" texts, bank lock-outs and "new device" alerts, plus the classic prize and
 * premium-rate callback spam, in the languages the platform sends most (en, es, fr, de, pt, it, nl,
 * id, ru, zh, hi, tr, ar). A term ending in `*` matches any word starting with the stem (stems are at least
 * four characters so a lookup on the first four characters finds them). Terms are words separated
 * by single spaces; a term in a script written without spaces (CJK) matches anywhere.
 *
 * Every list here is part of featureSchemaHash(): editing one changes the features, so bump
 * FEATURE_SCHEMA_VERSION, regenerate the golden vectors and retrain.
 */

// biome-ignore format: word lists read best packed, several terms per line
export const LEXICONS = {
  urgency: [
    'urgent*', 'immediate*', 'asap', 'as soon as possible', 'act now', 'act fast', 'act quickly', 'hurry',
    'within 24 hours', 'within 24 hrs', 'within 24h', 'within 48 hours', 'within 12 hours',
    'within 2 hours', 'within 1 hour', 'today only', 'ends today', 'ends tonight', 'last day',
    'last chance', 'last warning', 'final notice', 'final reminder', 'final warning', 'final attempt',
    'second attempt', 'deadline', 'suspend*', 'locked', 'lockout', 'blocked', 'restrict*', 'deactivat*',
    'disabled', 'terminated', 'frozen', 'expire*', 'expiring', 'expiry', 'limited time', 'dont miss',
    'do not miss', 'before midnight', 'will be deleted', 'will be returned', 'returned to sender',
    'will be closed', 'will be cancelled', 'avoid', 'penalt*', 'late fee', 'legal action', 'arrest',
    'warrant', 'court', 'now or never',
    // es / pt / it
    'urgente', 'inmediatamente', 'imediatamente', 'immediatamente', 'suspendid*', 'suspenso', 'sospeso',
    'bloquead*', 'bloccat*', 'ultimo aviso', 'ultimo avviso', 'caduca', 'expira', 'scade', 'hoy',
    // fr
    'immediatement', 'dernier avis', 'dernier rappel', 'suspendu', 'bloque', 'sous 24h', 'sous 48h',
    // de / nl
    'dringend', 'sofort', 'gesperrt', 'letzte mahnung', 'innerhalb von 24 stunden', 'lauft ab',
    'geblokkeerd',
    // id / ru / zh / hi
    'segera', 'diblokir', 'срочно', 'заблокирова*', 'немедленно', '紧急', '立即', '冻结', 'तुरंत',
    // tr / ar
    'acil', 'hemen', 'askiya', 'son uyari', 'عاجل', 'فورا', 'تعليق', 'ايقاف',
  ],
  credential: [
    'verif*', 'confirm your', 'confirm identity', 'confirm account', 'login', 'log in', 'log on', 'logon',
    'sign in', 'signin', 'password*', 'passcode', 'passwd', 'pin', 'pin number', 'account details',
    'bank details', 'card details', 'payment details', 'billing details', 'billing information',
    'update your details', 'update your information', 'update your account', 'update your payment',
    'update payment', 'security check', 'security alert', 'security notice', 'identity', 'unusual activity',
    'suspicious activity', 'unusual sign', 'unauthori*', 'reactivat*', 'validate', 'authenticat*',
    'credential*', 'social security', 'ssn', 'date of birth', 'cvv', 'sort code', 'online banking',
    'new device', 'new payee', 'apple id', 'kyc', 'pan card', 'aadhaar', 'share the code', 'share your otp',
    'share otp', 'do not recognise', 'did you authorise', 'was this you',
    // es / pt / it
    'contrasena', 'datos bancarios', 'dados bancarios', 'inicia sesion', 'iniciar sesion', 'clave', 'senha',
    'atualize', 'actualice', 'actualiza', 'credenziali', 'accedi',
    // fr / de / nl
    'mot de passe', 'identifiant*', 'coordonnees bancaires', 'mettre a jour', 'connectez', 'bestatig*',
    'passwort', 'kennwort', 'zugangsdaten', 'anmelden', 'verifieer', 'wachtwoord', 'inloggen',
    // id / ru / zh / hi
    'verifikasi', 'kata sandi', 'пароль', 'подтверд*', 'код из смс', '验证', '密码', '账户', 'सत्यापन',
    // tr / ar
    'dogrula*', 'sifre*', 'hesabiniz', 'كلمة المرور', 'تحقق', 'تأكيد', 'حسابك',
  ],
  payment: [
    'pay', 'pay now', 'payment*', 'paid', 'fee', 'fees', 'outstanding', 'toll', 'tolls', 'unpaid',
    'redelivery fee', 'delivery fee', 'shipping fee', 'small fee', 'customs', 'import duty', 'duty',
    'invoice*', 'overdue', 'refund*', 'tax refund', 'tax rebate', 'rebate', 'balance due', 'amount due',
    'due amount', 'outstanding balance', 'debt', 'arrears', 'settle', 'settlement', 'billing', 'bill',
    'charge*', 'charged', 'deposit', 'bank transfer', 'wire', 'transfer', 'bitcoin', 'crypto', 'btc',
    'usdt', 'wallet', 'credit card', 'debit card', 'postage', 'fine', 'fines', 'penalty charge',
    'surcharge', 'top up', 'recharge', 'premium rate', 'per msg', 'per min', 'cost', 'costs',
    // es / pt / it
    'pagar', 'pago', 'pagamento', 'pagare', 'tarifa', 'aduana', 'multa', 'peaje', 'reembolso', 'factura',
    'fatura', 'fattura', 'deuda', 'pendiente', 'pendente', 'taxa', 'tassa', 'rimborso', 'dogana',
    // fr / de / nl
    'payer', 'paiement', 'frais', 'amende', 'douane', 'facture', 'remboursement', 'impaye*', 'peage',
    'zahlen', 'zahlung', 'gebuhr*', 'zoll', 'rechnung', 'mahnung', 'erstattung', 'ruckerstattung',
    'betalen', 'betaling', 'openstaand',
    // id / ru / zh / hi
    'bayar', 'tagihan', 'denda', 'оплат*', 'штраф', 'долг', 'задолженност*', '付款', '缴费', '罚款', '退款', '支付',
    'भुगतान',
    // tr / ar
    'odeme*', 'ucret*', 'gumruk', 'borc*', 'ادفع', 'الدفع', 'دفع', 'رسوم', 'فاتورة', 'غرامة',
  ],
  prize: [
    'won', 'win', 'wins', 'winner*', 'winning', 'you have won', 'you won', 'selected', 'been selected',
    'prize*', 'claim*', 'free', 'reward*', 'gift card', 'giftcard', 'gift', 'voucher*', 'bonus', 'cash',
    'cash prize', 'congratulation*', 'congrats', 'lottery', 'jackpot', 'lucky', 'lucky draw', 'award*',
    'guaranteed', 'no cost', 'unclaimed', 'entitled', 'eligible', 'exclusive offer', 'special offer',
    'draw', 'sweepstake*', 'giveaway', 'promo', 'offer', 'discount', 'loan', 'loans', 'pre approved',
    'preapproved', 'investment', 'profit', 'earn', 'income', 'dating', 'ringtone*',
    // es / pt / it
    'ganador*', 'ganado', 'premio', 'gratis', 'felicidades', 'regalo', 'sorteo', 'ganhou', 'parabens',
    'sorteio', 'vinto', 'omaggio', 'congratulazioni',
    // fr / de / nl
    'gagnant', 'gagne', 'cadeau', 'gratuit*', 'felicitations', 'tirage', 'gewinn*', 'kostenlos', 'geschenk',
    'gluckwunsch', 'gewonnen', 'prijs',
    // id / ru / zh / hi
    'hadiah', 'menang', 'selamat', 'приз', 'выигра*', 'бесплатн*', 'подарок', '中奖', '奖品', '免费', '恭喜',
    'इनाम', 'मुफ्त',
    // tr / ar
    'tebrik*', 'kazandi*', 'odul*', 'hediye', 'bedava', 'ucretsiz', 'مبروك', 'ربحت', 'فزت', 'جائزة', 'مجانا',
  ],
  callback: [
    'call now', 'call us', 'call us on', 'call us at', 'call back', 'callback', 'call this number',
    'call the number', 'call <PHONE>', 'call on <PHONE>', 'dial <PHONE>', 'ring <PHONE>', 'text back',
    'txt back', 'reply with', 'reply yes', 'reply y', 'reply now', 'text <PHONE>', 'txt <PHONE>',
    'to <PHONE>', 'on <PHONE>', 'send to <PHONE>', 'whatsapp us', 'whatsapp <PHONE>', 'message us on',
    'contact us on', 'contact us at', 'call our', 'helpline', 'hotline', 'customer care',
    'speak to an agent', 'missed call', 'call me', 'call free', 'freephone', 'text stop',
    // es / pt / it / fr / de / nl
    'llame', 'llamar al', 'responda', 'ligue', 'chiama', 'rispondi', 'appelez', 'rappelez', 'repondez',
    'rufen sie', 'anrufen', 'antworten sie', 'bel ons',
    // id / ru / zh / hi
    'hubungi', 'позвоните', 'перезвоните', '致电', '回电', 'कॉल करें',
    // tr / ar
    'arayin', 'اتصل',
  ],
  delivery: [
    'parcel*', 'package*', 'shipment*', 'delivery attempt', 'failed delivery', 'unable to deliver',
    'could not be delivered', 'couldnt be delivered', 'delivery failed', 'held at', 'on hold', 'redeliver*',
    'reschedule', 'tracking', 'track your', 'address incomplete', 'incomplete address', 'incorrect address',
    'update your address', 'confirm your address', 'courier', 'postal', 'warehouse',
    // es / pt / it / fr / de / nl
    'paquete', 'envio', 'entrega', 'encomenda', 'pacco', 'spedizione', 'consegna', 'colis', 'livraison',
    'paket', 'sendung', 'zustellung', 'pakket', 'bezorging',
    // id / ru / zh
    'kiriman', 'посылк*', 'доставк*', '包裹', '快递',
    // tr / ar
    'kargo*', 'teslimat', 'شحنة', 'طرد', 'طردك', 'الطرد',
  ],
} as const;

export type LexiconName = keyof typeof LEXICONS;
export const LEXICON_NAMES = Object.keys(LEXICONS) as LexiconName[];

/** Link shorteners (hosts matched exactly or as the registrable part of a subdomain). */
// biome-ignore format: word lists read best packed, several terms per line
export const SHORTENERS: readonly string[] = [
  'bit.ly', 'bitly.com', 'bit.do', 'tinyurl.com', 'tiny.cc', 'tiny.one', 't.co', 'goo.gl', 'ow.ly', 'is.gd',
  'v.gd', 'cutt.ly', 'rb.gy', 'shorturl.at', 't.ly', 's.id', 'buff.ly', 'rebrand.ly', 'shorte.st', 'adf.ly',
  'x.co', 'lnkd.in', 'soo.gd', 'qrco.de', 'clck.ru', 'u.to', 'bl.ink', 'short.gy', 'urlz.fr', 'tinu.be',
  'y2u.be', 'shorturl.gg', 'cli.re', 'ouo.io', 'bitl.cc', 'l.ead.me', 'surl.li', 'link.ly', 'han.gl',
  'me2.do', 'vo.la', '2u.pm', 'tiny.pl', 'kurzelinks.de', 'shrtco.de', 'gg.gg', 'dub.sh',
];

/** TLDs over-represented in phishing and smishing reports (Spamhaus, Interisle 2023-2024). */
// biome-ignore format: word lists read best packed, several terms per line
export const SUSPICIOUS_TLDS: readonly string[] = [
  'top', 'xyz', 'info', 'click', 'link', 'buzz', 'icu', 'cn', 'ru', 'live', 'shop', 'vip', 'online', 'site',
  'website', 'space', 'fun', 'club', 'work', 'rest', 'bar', 'cyou', 'sbs', 'cfd', 'monster', 'support',
  'help', 'gq', 'ml', 'tk', 'ga', 'cf', 'cc', 'pw', 'ws', 'win', 'bid', 'loan', 'date', 'review', 'stream',
  'download', 'racing', 'party', 'cam', 'quest', 'bond', 'lol', 'mom', 'store', 'today', 'life', 'world',
  'services', 'best', 'uno', 'su', 'kim', 'men', 'country', 'science', 'trade', 'accountant', 'faith',
  'cricket', 'xin', 'zip', 'mov', 'wang', 'asia', 'pro', 'tel', 'mobi', 'biz', 'lat', 'autos', 'boats',
  'homes', 'motorcycles', 'yachts', 'skin', 'hair', 'beauty', 'makeup', 'vin', 'digital', 'network',
];

/**
 * Brands impersonated in phishing domains, with the registrable domains that really belong to them.
 * `exact` brands are short or common words, so they must be a whole hyphen/dot-separated label of the
 * domain (ups-track.top, not groups.io); the others match as a substring of a label
 * (uspsdeliveryhelp.com). A domain whose registrable name is exactly the brand (amazon.de) counts as
 * official too.
 */
export interface Brand {
  token: string;
  exact?: boolean;
  official?: readonly string[];
}

export const BRANDS: readonly Brand[] = [
  { token: 'usps', official: ['usps.com', 'usps.gov'] },
  { token: 'fedex' },
  { token: 'dhl' },
  { token: 'royalmail', official: ['royalmail.com', 'royalmailgroup.com'] },
  { token: 'evri' },
  { token: 'hermes', exact: true, official: ['myhermes.co.uk'] },
  { token: 'myhermes' },
  { token: 'ups', exact: true },
  { token: 'dpd', exact: true },
  { token: 'yodel', exact: true },
  { token: 'parcelforce' },
  { token: 'amazon' },
  { token: 'paypal' },
  { token: 'apple', exact: true },
  { token: 'appleid', official: ['apple.com'] },
  { token: 'icloud' },
  { token: 'netflix' },
  { token: 'microsoft' },
  { token: 'office365', official: ['microsoft.com', 'office.com'] },
  { token: 'hsbc' },
  { token: 'barclays' },
  { token: 'natwest' },
  { token: 'lloyds', official: ['lloydsbank.com', 'lloydsbankinggroup.com'] },
  { token: 'santander' },
  { token: 'halifax', official: ['halifax.co.uk'] },
  { token: 'monzo' },
  { token: 'revolut' },
  { token: 'chase', exact: true },
  { token: 'wellsfargo' },
  { token: 'bankofamerica' },
  { token: 'citibank', official: ['citi.com', 'citibank.com'] },
  { token: 'capitalone' },
  { token: 'amex', exact: true, official: ['americanexpress.com'] },
  { token: 'americanexpress' },
  { token: 'coinbase' },
  { token: 'binance' },
  { token: 'venmo' },
  { token: 'cashapp', official: ['cash.app'] },
  { token: 'zelle', official: ['zellepay.com'] },
  { token: 'whatsapp' },
  { token: 'facebook' },
  { token: 'instagram' },
  { token: 'hmrc', official: ['gov.uk'] },
  { token: 'irs', exact: true },
  { token: 'gov', exact: true },
  { token: 'govuk', official: ['gov.uk'] },
  { token: 'dvla', official: ['gov.uk'] },
  { token: 'ezpass', official: ['e-zpassny.com', 'ezpassnj.com', 'ezpassva.com', 'ezpassmd.com'] },
  { token: 'zpass', official: ['e-zpassny.com', 'e-zpassiag.com'] },
  { token: 'sunpass' },
  { token: 'fastrak', official: ['bayareafastrak.org', 'thetollroads.com'] },
  { token: 'toll', exact: true },
  { token: 'tolls', exact: true },
  { token: 'txtag' },
  { token: 'post', exact: true },
  { token: 'correos' },
  { token: 'laposte' },
  { token: 'canadapost', official: ['canadapost-postescanada.ca', 'canadapost.ca'] },
  { token: 'auspost', official: ['auspost.com.au'] },
  { token: 'postnl' },
  { token: 'posteitaliane', official: ['poste.it'] },
  { token: 'ctt', exact: true, official: ['ctt.pt'] },
  { token: 'indiapost', official: ['indiapost.gov.in'] },
  { token: 'sbi', exact: true, official: ['onlinesbi.sbi', 'sbi.co.in'] },
  { token: 'hdfc', official: ['hdfcbank.com'] },
  { token: 'icici', official: ['icicibank.com'] },
];

/**
 * Brand names as written in message text (normalised, spaces between words). A mention plus a link
 * to a domain that is not the brand's is the classic impersonation template.
 */
export const BRAND_MENTIONS: readonly { text: string; brand: string }[] = [
  { text: 'usps', brand: 'usps' },
  { text: 'fedex', brand: 'fedex' },
  { text: 'dhl', brand: 'dhl' },
  { text: 'royal mail', brand: 'royalmail' },
  { text: 'royalmail', brand: 'royalmail' },
  { text: 'evri', brand: 'evri' },
  { text: 'hermes', brand: 'hermes' },
  { text: 'ups', brand: 'ups' },
  { text: 'dpd', brand: 'dpd' },
  { text: 'yodel', brand: 'yodel' },
  { text: 'parcelforce', brand: 'parcelforce' },
  { text: 'amazon', brand: 'amazon' },
  { text: 'paypal', brand: 'paypal' },
  { text: 'apple id', brand: 'appleid' },
  { text: 'icloud', brand: 'icloud' },
  { text: 'netflix', brand: 'netflix' },
  { text: 'microsoft', brand: 'microsoft' },
  { text: 'hsbc', brand: 'hsbc' },
  { text: 'barclays', brand: 'barclays' },
  { text: 'natwest', brand: 'natwest' },
  { text: 'lloyds', brand: 'lloyds' },
  { text: 'santander', brand: 'santander' },
  { text: 'halifax', brand: 'halifax' },
  { text: 'monzo', brand: 'monzo' },
  { text: 'revolut', brand: 'revolut' },
  { text: 'chase', brand: 'chase' },
  { text: 'wells fargo', brand: 'wellsfargo' },
  { text: 'bank of america', brand: 'bankofamerica' },
  { text: 'citibank', brand: 'citibank' },
  { text: 'capital one', brand: 'capitalone' },
  { text: 'american express', brand: 'americanexpress' },
  { text: 'amex', brand: 'amex' },
  { text: 'coinbase', brand: 'coinbase' },
  { text: 'binance', brand: 'binance' },
  { text: 'venmo', brand: 'venmo' },
  { text: 'cash app', brand: 'cashapp' },
  { text: 'zelle', brand: 'zelle' },
  { text: 'whatsapp', brand: 'whatsapp' },
  { text: 'hmrc', brand: 'hmrc' },
  { text: 'irs', brand: 'irs' },
  { text: 'dvla', brand: 'dvla' },
  { text: 'e-zpass', brand: 'ezpass' },
  { text: 'e zpass', brand: 'ezpass' },
  { text: 'ezpass', brand: 'ezpass' },
  { text: 'sunpass', brand: 'sunpass' },
  { text: 'fastrak', brand: 'fastrak' },
  { text: 'txtag', brand: 'txtag' },
  { text: 'correos', brand: 'correos' },
  { text: 'la poste', brand: 'laposte' },
  { text: 'canada post', brand: 'canadapost' },
  { text: 'australia post', brand: 'auspost' },
  { text: 'auspost', brand: 'auspost' },
  { text: 'postnl', brand: 'postnl' },
  { text: 'poste italiane', brand: 'posteitaliane' },
  { text: 'india post', brand: 'indiapost' },
  { text: 'sbi', brand: 'sbi' },
  { text: 'hdfc', brand: 'hdfc' },
  { text: 'icici', brand: 'icici' },
];

/**
 * Extra words the leetspeak decoder accepts as a decoding of a word whose digits sit only at its
 * start or end (fr33, v1agra is interleaved and needs no list). Without a list, "covid19" or
 * "ref123" would turn into letters; with it, only words spam actually disguises are rewritten. The
 * single words of every lexicon and every brand token are added automatically.
 */
// biome-ignore format: word lists read best packed, several terms per line
export const LEET_VOCABULARY: readonly string[] = [
  'free', 'cash', 'win', 'winner', 'prize', 'claim', 'click', 'money', 'offer', 'viagra', 'cialis', 'pills',
  'casino', 'bonus', 'credit', 'loan', 'account', 'bank', 'password', 'verify', 'login', 'urgent', 'call',
  'text', 'reply', 'now', 'today', 'hello', 'sexy', 'sex', 'hot', 'girls', 'dating', 'chat', 'porn', 'xxx',
  'deal', 'sale', 'discount', 'cheap', 'bitcoin', 'crypto', 'invest', 'profit', 'income', 'earn', 'gift',
  'card', 'voucher', 'lottery', 'winning', 'secure', 'security', 'update', 'confirm', 'suspended', 'locked',
  'limited', 'access', 'online', 'link', 'visit', 'here', 'pay', 'payment', 'refund', 'delivery', 'parcel',
  'package', 'order', 'unlock', 'bet', 'slots', 'meds', 'pharmacy', 'weight', 'diet', 'guaranteed',
  'exclusive', 'special', 'club', 'member', 'vip', 'hot', 'singles', 'nude', 'naked', 'adult', 'escort',
  'debt', 'tax', 'toll', 'fee', 'fine',
  // Common English words, so a disguised short word ("th3", "y0u") decodes too.
  'the', 'you', 'your', 'and', 'for', 'are', 'with', 'this', 'that', 'have', 'from', 'get', 'all', 'our',
  'can', 'will', 'not', 'has', 'was', 'been', 'new', 'need', 'just', 'one', 'out', 'see', 'use', 'via',
  'who', 'why', 'how', 'what', 'when', 'where', 'please', 'thanks', 'dear', 'customer', 'user', 'details',
  'info', 'notice', 'alert', 'number', 'phone', 'mobile', 'message', 'contact', 'service', 'tomorrow',
  'week', 'day', 'days', 'hours', 'time', 'home', 'later', 'meet', 'meeting', 'dinner',
  // Words that start with a letter leetspeak replaces (a e i o s t): their disguise starts with a
  // digit ("57ill", "4pply"), which alone reads like "5mins", so only listed words are decoded.
  'still', 'apply', 'send', 'stop', 'start', 'sms', 'std', 'txt', 'tkts', 'stuff', 'soon', 'sorry', 'same',
  'said', 'say', 'says', 'see', 'seen', 'sent', 'set', 'ship', 'shop', 'sign', 'simply', 'since', 'sir',
  'site', 'size', 'smile', 'some', 'something', 'song', 'speak', 'spend', 'sport', 'star', 'stay', 'store',
  'story', 'subscribe', 'subscription', 'success', 'such', 'sure', 'take', 'talk', 'team', 'tell', 'than',
  'them', 'then', 'there', 'they', 'thing', 'think', 'though', 'tickets', 'till', 'tips', 'told', 'tone',
  'tones', 'tonight', 'top', 'total', 'town', 'track', 'trip', 'true', 'trust', 'try', 'turn', 'two',
  'able', 'about', 'above', 'accept', 'act', 'active', 'activate', 'actual', 'add', 'address', 'adult',
  'after', 'again', 'age', 'ago', 'agree', 'alone', 'along', 'already', 'also', 'always', 'amazing',
  'amount', 'answer', 'any', 'anyone', 'anything', 'anytime', 'app', 'area', 'arrive', 'ask', 'asap',
  'attempt', 'auto', 'available', 'await', 'away', 'each', 'early', 'easy', 'eat', 'else', 'email',
  'end', 'ends', 'enjoy', 'enough', 'enter', 'entry', 'even', 'evening', 'ever', 'every', 'extra', 'idea',
  'ill', 'important', 'inside', 'instant', 'into', 'its', 'item', 'items', 'off', 'office', 'often', 'old',
  'once', 'only', 'open', 'opt', 'optout', 'other', 'over', 'own', 'sale', 'sales', 'safe', 'save',
  // More everyday English (inflections -s -es -ed -ing -er -ly are stripped before the lookup).
  'best', 'big', 'book', 'bring', 'buy', 'car', 'care', 'case', 'cheap', 'check', 'city', 'class', 'close',
  'come', 'cost', 'cruise', 'cust', 'date', 'dear', 'deliver', 'dial', 'done', 'door', 'down', 'dream',
  'drive', 'fast', 'feel', 'find', 'first', 'flight', 'food', 'friend', 'fun', 'game', 'girl', 'give', 'good',
  'great', 'guy', 'hand', 'happy', 'head', 'hear', 'help', 'high', 'hold', 'holiday', 'hope', 'hotel', 'hour',
  'house', 'job', 'join', 'just', 'keep', 'kind', 'know', 'last', 'late', 'life', 'like', 'line', 'list',
  'little', 'live', 'long', 'look', 'lose', 'lost', 'lot', 'love', 'luck', 'make', 'man', 'many', 'mate',
  'miss', 'mind', 'minute', 'month', 'more', 'most', 'move', 'movie', 'much', 'music', 'must', 'name', 'near',
  'net', 'next', 'nice', 'night', 'note', 'novel', 'party', 'pass', 'people', 'phone', 'photo', 'pick',
  'place', 'plan', 'play', 'plus', 'point', 'post', 'press', 'price', 'private', 'quick', 'rate', 'real',
  'receive', 'rest', 'right', 'room', 'rude', 'rule', 'satisfy', 'search', 'seat', 'second', 'self', 'sell',
  'sexy', 'she', 'show', 'side', 'simple', 'sing', 'sister', 'sleep', 'small', 'sony', 'sound', 'speed',
  'state', 'statement', 'still', 'street', 'student', 'study', 'supply', 'sweet', 'system', 'term', 'test',
  'thank', 'these', 'those', 'ticket', 'tired', 'tour', 'travel', 'truly', 'type', 'under', 'unit', 'until',
  'upgrade', 'urgent', 'valid', 'value', 'video', 'voice', 'wait', 'want', 'watch', 'water', 'way', 'welcome',
  'well', 'while', 'white', 'whole', 'wife', 'wish', 'woman', 'word', 'work', 'world', 'would', 'write',
  'year', 'yes', 'yet', 'young', 'min', 'mins', 'hrs', 'sec', 'secs',
];

/** Second-level labels under which ccTLDs register names (example.co.uk, example.com.au). */
// biome-ignore format: packed list
export const SECOND_LEVEL_LABELS: readonly string[] = [
  'co', 'com', 'org', 'net', 'gov', 'ac', 'edu', 'ltd', 'plc', 'nhs', 'sch', 'gob', 'go', 'or', 'ne', 'gv',
  'mil', 'nic', 'me', 'biz', 'info',
];

/** Generic TLDs accepted for a link written without a scheme ("usps-redelivery.info/abc"). */
// biome-ignore format: packed list
export const GENERIC_TLDS: readonly string[] = [
  'com', 'net', 'org', 'info', 'biz', 'edu', 'gov', 'mil', 'int', 'app', 'dev', 'page', 'site', 'online',
  'store', 'tech', 'xyz', 'top', 'icu', 'vip', 'shop', 'club', 'live', 'cloud', 'email', 'news', 'blog',
  'io', 'ai', 'co', 'me', 'ly', 'gd', 'tv', 'cc', 'ws', 'pw', 'tk', 'ml', 'ga', 'cf', 'gq', 'su', 'buzz',
  'link', 'click', 'help', 'support', 'services', 'world', 'life', 'today', 'work', 'fun', 'space',
  'website', 'cyou', 'sbs', 'cfd', 'monster', 'rest', 'bar', 'win', 'bid', 'loan', 'date', 'review',
  'stream', 'download', 'racing', 'party', 'cam', 'quest', 'bond', 'lol', 'mom', 'best', 'uno', 'kim',
  'men', 'country', 'science', 'trade', 'accountant', 'faith', 'cricket', 'xin', 'zip', 'mov', 'wang',
  'asia', 'pro', 'tel', 'mobi', 'lat', 'autos', 'boats', 'homes', 'motorcycles', 'yachts', 'skin', 'hair',
  'beauty', 'makeup', 'vin', 'digital', 'network', 'bank', 'finance', 'money', 'pay', 'delivery', 'express',
  'cash', 'one', 'global', 'group', 'agency', 'company', 'center', 'solutions', 'media', 'games', 'game',
  'bet', 'casino', 'poker', 'dating', 'sex', 'xxx', 'porn', 'adult', 'social', 'chat', 'events',
];

/** Two-letter country-code TLDs (ISO 3166 plus .uk, .eu, .su, .ac); "i.ll" is text-speak, not a link. */
// biome-ignore format: packed list
export const COUNTRY_TLDS: readonly string[] = [
  'ac', 'ad', 'ae', 'af', 'ag', 'ai', 'al', 'am', 'ao', 'aq', 'ar', 'as', 'at', 'au', 'aw', 'ax', 'az',
  'ba', 'bb', 'bd', 'be', 'bf', 'bg', 'bh', 'bi', 'bj', 'bm', 'bn', 'bo', 'br', 'bs', 'bt', 'bw', 'by',
  'bz', 'ca', 'cc', 'cd', 'cf', 'cg', 'ch', 'ci', 'ck', 'cl', 'cm', 'cn', 'co', 'cr', 'cu', 'cv', 'cw',
  'cx', 'cy', 'cz', 'de', 'dj', 'dk', 'dm', 'do', 'dz', 'ec', 'ee', 'eg', 'er', 'es', 'et', 'eu', 'fi',
  'fj', 'fk', 'fm', 'fo', 'fr', 'ga', 'gd', 'ge', 'gf', 'gg', 'gh', 'gi', 'gl', 'gm', 'gn', 'gp', 'gq',
  'gr', 'gs', 'gt', 'gu', 'gw', 'gy', 'hk', 'hm', 'hn', 'hr', 'ht', 'hu', 'id', 'ie', 'il', 'im', 'in',
  'io', 'iq', 'ir', 'is', 'it', 'je', 'jm', 'jo', 'jp', 'ke', 'kg', 'kh', 'ki', 'km', 'kn', 'kp', 'kr',
  'kw', 'ky', 'kz', 'la', 'lb', 'lc', 'li', 'lk', 'lr', 'ls', 'lt', 'lu', 'lv', 'ly', 'ma', 'mc', 'md',
  'me', 'mg', 'mh', 'mk', 'ml', 'mm', 'mn', 'mo', 'mp', 'mq', 'mr', 'ms', 'mt', 'mu', 'mv', 'mw', 'mx',
  'my', 'mz', 'na', 'nc', 'ne', 'nf', 'ng', 'ni', 'nl', 'no', 'np', 'nr', 'nu', 'nz', 'om', 'pa', 'pe',
  'pf', 'pg', 'ph', 'pk', 'pl', 'pm', 'pn', 'pr', 'ps', 'pt', 'pw', 'py', 'qa', 're', 'ro', 'rs', 'ru',
  'rw', 'sa', 'sb', 'sc', 'sd', 'se', 'sg', 'sh', 'si', 'sk', 'sl', 'sm', 'sn', 'so', 'sr', 'ss', 'st',
  'su', 'sv', 'sx', 'sy', 'sz', 'tc', 'td', 'tf', 'tg', 'th', 'tj', 'tk', 'tl', 'tm', 'tn', 'to', 'tr',
  'tt', 'tv', 'tw', 'tz', 'ua', 'ug', 'uk', 'us', 'uy', 'uz', 'va', 'vc', 've', 'vg', 'vi', 'vn', 'vu',
  'wf', 'ws', 'ye', 'yt', 'za', 'zm', 'zw',
];

/** TLDs that are also common words: a bare "now.click" or "see.me" is probably a typo, not a link. */
// biome-ignore format: packed list
export const WORD_TLDS: readonly string[] = [
  'click', 'link', 'live', 'shop', 'world', 'life', 'today', 'help', 'support', 'best', 'fun', 'work',
  'date', 'review', 'win', 'top', 'bar', 'rest', 'party', 'stream', 'download', 'trade', 'men', 'faith',
  'cricket', 'science', 'country', 'loan', 'bid', 'racing', 'quest', 'bond', 'lol', 'mom', 'store',
  'services', 'network', 'digital', 'skin', 'hair', 'beauty', 'homes', 'one', 'news', 'email', 'cash',
  'money', 'pay', 'chat', 'games', 'game', 'bet', 'is', 'me', 'to', 'at', 'be', 'in', 'it', 'my', 'us',
  'am', 'as', 'do', 'go', 'so', 'no', 'id', 'an', 'or', 'on', 'pm', 'hi', 'im', 'tv', 'ok', 'la', 'ms',
  'mr',
];

/**
 * Lexicons added by schema 2026.12.1 (kept out of LEXICONS so the legacy schema is unchanged).
 * `notice`: wording of honest application-to-person traffic (one-time codes, delivery, appointment
 * and account notices), which the 2011 corpora hardly hold; a benign cue the model weighs, not a rule.
 * `stranger`: openers of "wrong number" romance and investment fraud from people the reader does not
 * know. `personal`: greetings of person-to-person chat, for "a link in a message that looks personal".
 */
// biome-ignore format: word lists read best packed, several terms per line
export const LEXICONS_V2 = {
  notice: [
    'verification code', 'security code', 'login code', 'one time password', 'one-time password',
    'one time code', 'is your code', 'is your otp', 'your otp is', 'your code is', 'otp code', 'otp for',
    'do not share', 'dont share', 'never share', 'will never ask', 'never ask you', 'expires in',
    'valid for', 'valid for 5 minutes', 'valid for 10 minutes', 'if this wasnt you', 'if you did not request',
    'if you didnt request', 'ignore this message', 'appointment', 'reminder', 'your order', 'has shipped',
    'has been shipped', 'out for delivery', 'has been delivered', 'was delivered', 'tracking number',
    'estimated delivery', 'order confirmed', 'booking confirmed', 'reservation', 'reply stop',
    'reply c to confirm', 'to confirm reply', 'to cancel reply', 'thank you for your order',
    'thanks for your order', 'receipt', 'statement is ready', 'payment received', 'has been credited',
    'balance is', 'available balance', 'data balance', 'top up successful', 'recharge successful',
    'kode otp', 'kode verifikasi', 'jangan berikan', 'rahasiakan', 'codigo de verificacion',
    'code de verification', 'bestatigungscode', 'codice di verifica', 'รหัส otp', 'รหัสยืนยัน', 'ห้ามบอก',
  ],
  stranger: [
    'wrong number', 'is this', 'do you remember me', 'remember me', 'long time no see', 'we met at',
    'we met', 'my name is', 'nice to meet you', 'are you still', 'sorry to bother', 'got your number',
    'found your number', 'your number from', 'add me on', 'whatsapp me', 'text me on', 'how have you been',
    'are you free', 'lets be friends', 'crypto', 'investment', 'mentor', 'trading', 'profit',
  ],
  personal: [
    'hi', 'hey', 'hello', 'mum', 'mom', 'dad', 'babe', 'baby', 'honey', 'sweetie', 'darling', 'bro',
    'sis', 'lol', 'miss you', 'love you', 'its me', 'dear friend', 'my friend', 'my phone', 'new number',
    'this is my new number', 'my new number',
  ],
} as const;
export type LexiconV2Name = keyof typeof LEXICONS_V2;
export const LEXICON_V2_NAMES = Object.keys(LEXICONS_V2) as LexiconV2Name[];
