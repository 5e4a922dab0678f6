/**
 * Hand-written messages for the golden vectors (invented here, no dataset text): ham, spam and
 * smishing in several languages, every evasion trick, entities of every kind and hostile input.
 * Adding or editing one is fine: regenerate with `pnpm tsx packages/features/src/golden.update.ts`.
 */
export const GOLDEN_MESSAGES: readonly string[] = [
  // Ham, English
  'Hey, running 10 mins late, save me a seat? x',
  'Mum can you pick up milk on the way home please',
  'Reminder: your appointment with Dr Patel is on Tuesday 14 May at 10:30. Reply C to cancel.',
  'Meeting moved to 3pm, room 4B. Bring the Q3 numbers.',
  'Your verification code is 482913. Do not share it with anyone.',
  'Your Uber is arriving now. Look for a grey Toyota Prius, plate AB12 CDE.',
  'Happy birthday!! 🎉🎂 Hope you have the best day, see you Saturday',
  'Your order #A1234 has shipped and will arrive Thursday. Track it at https://www.amazon.co.uk/gp/your-orders',
  'Thanks for your payment of £45.00. Your balance is now £0.00.',
  'Can you send me the slides from yesterday? My email is sam.jones@example.org',
  "Your table for 4 at Luigi's is booked for 19:30 tonight. Call 020 7946 0321 to change it.",
  'G-583920 is your Google verification code.',
  // Ham, other languages
  'Hola! Llego a las 8, ¿quedamos en la plaza?',
  'Salut, tu viens dîner ce soir ? Bisous',
  'Hallo, der Termin am Montag um 9 Uhr passt mir gut.',
  'Oi, tudo bem? Te ligo amanhã de manhã.',
  'Привет! Встретимся завтра в кафе в 12?',
  '明天下午三点开会，请准时参加。',
  'नमस्ते, मैं शाम को घर पहुँच जाऊँगा।',
  // Spam and smishing, English
  'Your parcel is held at our depot: pay the £1.99 redelivery fee at http://bit.ly/3xYz9 within 24 hours',
  'USPS: Your package could not be delivered due to an incomplete address. Update it at usps-redelivery.info/track',
  'URGENT! Your bank account has been suspended. Verify your details now at secure-hsbc-login.top/verify',
  'E-ZPass: You have an unpaid toll of $6.99. Pay now to avoid a late fee: https://ezpass-tollpay.xyz/pay',
  'HMRC: You are eligible for a tax refund of £264.50. Claim within 48 hours: hmrc-refund.claims-gov.com',
  'Royal Mail: we could not deliver your parcel. A £2.99 fee is due. Reschedule: royalmail.parcel-fee.click/uk',
  'Congratulations! You have won a £1000 Tesco gift card. Claim now: tinyurl.com/prize-claim-uk',
  'FREE entry into our weekly draw to WIN £2,000 cash! Text WIN to 64213 now. T&Cs apply 18+',
  'Your Netflix subscription has expired. Update your payment details at netflix-billing.support/renew',
  'Lloyds Bank: a new device was added to your account. If this was not you call us on +44 20 3868 1470 immediately.',
  'You have been selected for a $500 Walmart reward. Reply YES to claim.',
  'Final notice: your car tax is overdue. Pay the outstanding balance at dvla-payments.online to avoid a fine.',
  'Dear customer, your Amazon account is locked. Login at http://192.168.14.2/amazon/login to restore access.',
  'Your Apple ID was used to sign in on a new device. Not you? Visit appleid.apple.com.verify-user.xyz',
  'Hi mum, I lost my phone, this is my new number. Can you WhatsApp me? I need to pay a bill urgently.',
  'Earn $300 a day from home! No experience needed. Contact us at jobs.hiring.now@mail-offers.ru',
  // Evasion
  'fr33 c@sh n0w!!! c4ll 07700 900123',
  'F R E E   M O N E Y, claim at bit[.]ly/free-cash',
  'Ρаyраl: your account is l0cked. Verify at hxxps://paypal-secure[.]top/login',
  'f\u200br\u200be\u200be g\u200bi\u200bf\u200bt c\u200ba\u200br\u200bd',
  '𝐂𝐥𝐚𝐢𝐦 𝐲𝐨𝐮𝐫 𝐩𝐫𝐢𝐳𝐞 𝐧𝐨𝐰 at ｗｉｎｎｅｒ．ｔｏｐ',
  'U.S.P.S. notice: pay redelivery fee at usps-care(dot)com/p',
  'v-e-r-i-f-y your a.c.c.o.u.n.t now at ⓛⓞⓖⓘⓝ-secure.info',
  // Spam and smishing, other languages
  'Votre colis est en attente. Payez 1,99 € de frais de livraison: https://laposte-suivi.fr/x7Hk2',
  'Correos: su paquete está retenido en aduana. Pague 2,99 € aquí: correos-envio.info/p/8k2',
  'DHL: Ihr Paket konnte nicht zugestellt werden. Zahlen Sie die Gebühr von 1,95 € unter dhl-zustellung.de-paket.top',
  'Caro cliente, il tuo conto è stato bloccato. Accedi subito: bit.ly/banca-sicura',
  'Seu pacote está aguardando pagamento de taxa de R$ 24,90. Pague em: correios-rastreio.site',
  'Ваша карта заблокирована. Срочно позвоните +7 495 123-45-67',
  '您的包裹已到达，请点击链接付款 http://t.co/abc123',
  'Selamat! Anda menang hadiah Rp 10.000.000. Hubungi 0812-3456-7890 segera.',
  // Hostile input
  '',
  '   \t\n  ',
  '\u202eredro ruoy mrifnoc\u202c http://xn--pypal-4ve.com/a',
  'abc\ud800def\udc00 \u0000\u0001\u001f control',
  '!!!!!!!!!!!!????????$$$$$$$$$$$',
  `${'A'.repeat(300)} ${'spam '.repeat(200)}`,
];

/**
 * Added for schema 2026.12.1: split words and brands, letter-digit swaps, link shapes (random hosts
 * and tokens, free hosting, shorteners on the list, IP and punycode hosts), A2P notices and stranger
 * openers. The current schema's golden file holds every message as SMS and a few as email.
 */
export const GOLDEN_MESSAGES_V2: readonly string[] = [
  'Pay.Pal: ver-ify your acc ount now at https://att-102708.weeblysite.com/',
  'Your Amaz0n acc0unt is l0cked, conf1rm at amzn-secure-9xk2.top/a8Fk29xQ',
  'USPS: parcel held, pay 1.99 fee https://usps.com-track-redeliv.info/x7Hk2pQ9',
  'Scan to claim your refund https://qrco.de/bdX9zK or https://lin.ee/lmMFU5k',
  'hey its me, new number, look at this https://7yp9m4-8080.csb.app/',
  'Hi, is this Anna? We met at the conference, my name is Lily. I trade crypto with a mentor',
  'OTP Code: 063977 for SCB (expires in 5 mins). Never share this code.',
  'Your order has shipped, tracking number 1Z999AA1. Estimated delivery Friday.',
  'Login at http://192.168.10.4/secure or http://xn--pypal-4ve.com/login',
  'Net flix: your sub scription payment failed, update at netf1ix-billing.support',
];

/** Added by schema 2026.12.2: Latin glued to other scripts, and token shapes in languages never trained on. */
export const GOLDEN_MESSAGES_V3: readonly string[] = [
  'รหัส OTP ของคุณคือ 490305 ใส่รหัสเพื่อเปลี่ยนเบอร์โทรศัพท์',
  'สวัสดีค่ะ ทางtiktokชวนคุณกดไลค์ รับชั่วโมงละ500-1000บาท แอดไลน์ID：xrn5',
  'แจกฟรีกระเป๋า adidas มูลค่า 1990 บาท คลิ๊กhttps://bit.ly/89fdsADK',
  'Mama minta pulsa 20rb ke nomor 081234567890 ya',
  'Ваш код подтверждения: 5521. Никому не сообщайте.',
  '您的验证码是483920，请勿泄露。',
  'مرحبا، حسابك موقوف. ادخل هنا http://secure-login.top/x',
];

/** Messages scored as email in the current schema's golden file (same text, other crossed ids). */
export const GOLDEN_EMAIL_MESSAGES: readonly string[] = [
  'Meeting moved to 3pm, room 4B. Bring the Q3 numbers.',
  'Pay.Pal: ver-ify your acc ount now at https://att-102708.weeblysite.com/',
  'Your order #A1234 has shipped and will arrive Thursday. Track it at https://www.amazon.co.uk/gp/your-orders',
];

/** A small fixed shortener list for the golden vectors (a model brings its own from its card). */
export const GOLDEN_SHORTENER_DOMAINS: readonly string[] = ['lin.ee', 'qrco.de', 'short.example'];
