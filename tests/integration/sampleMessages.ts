// Message texts for tests and the benchmark, written for this project: honest traffic (OTPs,
// reminders, receipts, chat) and abusive traffic (smishing, prize scams, pumping-style bursts).

export const HONEST_BODIES = [
  'Your verification code is 482913. It expires in 10 minutes. Do not share it with anyone.',
  'Hi Sam, your table for 4 at Luigi’s is confirmed for Friday 7:30pm. Reply C to cancel.',
  'Reminder: your dental appointment with Dr. Patel is tomorrow at 9:15am.',
  'Your order #40213 has shipped and should arrive on Tuesday. Track it in the app.',
  'Thanks for your payment of $42.10 to City Water. Your balance is now $0.00.',
  'Running 10 min late, save me a seat please!',
  'Your prescription is ready for pickup at the Main St pharmacy.',
  'Happy birthday Grandma! We miss you, see you on Sunday for lunch.',
  'Your ride is arriving: a grey Toyota Prius, plate KX21 ABC.',
  'Team standup moved to 10:30 today, same room.',
  'Your library books are due back on 12 December. Renew online any time.',
  'Use code 771204 to sign in to your account. If this was not you, ignore this message.',
  'The plumber will arrive between 1pm and 3pm on Thursday.',
  'Your flight BA117 to New York boards at gate 22 at 14:05.',
  'Can you pick up milk and bread on the way home? Thanks!',
  'School is closed tomorrow because of the snow. Stay safe.',
];

export const ABUSIVE_BODIES = [
  'USPS: Your parcel is held at our depot due to unpaid customs fee. Pay $1.99 now at http://bit.ly/3xPkg-fee to release it.',
  'URGENT: Your bank account has been suspended. Verify your identity immediately at http://secure-login-verify.top/bank',
  'Congratulations! You have WON a $1000 Walmart gift card. Claim your prize now: http://tinyurl.com/claim-prize-now',
  'Your Netflix subscription payment failed. Update your card details within 24 hours: http://netflix-billing-update.xyz',
  'HMRC: You are due a tax refund of £264.50. Claim it here before it expires http://hmrc-refund-claim.info/id',
  'Amazon security alert: unusual sign-in detected. Confirm your password at http://amaz0n-security-check.com/login',
  'FINAL NOTICE: your toll bill of $6.99 is overdue. Pay now to avoid a $50 fine: http://ezpass-toll-pay.click',
  'Your Apple ID has been locked. Call +1 888 555 0199 immediately or visit http://appleid-unlock-support.top',
  'You have been selected for a free iPhone 15! Just pay shipping at http://bit.ly/free-iphone-win today!!!',
  'Dear customer, your PayPal account is limited. Login to restore access: http://paypal-restore-access.xyz/verify',
  'DHL: delivery failed, reschedule and pay the redelivery fee of 2.99 EUR at http://dhl-redelivery.top/pay',
  'Bank of America: a payment of $2,350 is pending. If this was not you, call +1 877 555 0144 now.',
];

/** Deterministic choice: the same seed gives the same traffic. */
export function pick<T>(items: readonly T[], i: number): T {
  return items[((i % items.length) + items.length) % items.length];
}

let counter = 0;
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

export interface MessageInput {
  messageId: string;
  accountId: string;
  channel: 'sms' | 'mms' | 'whatsapp' | 'email';
  from: string;
  to: string;
  body: string;
  subject?: string | null;
  sentAt?: string;
}

export function message(
  accountId: string,
  body: string,
  overrides: Partial<MessageInput> = {},
): MessageInput {
  return {
    messageId: uniqueId('SM'),
    accountId,
    channel: 'sms',
    from: '+15005550006',
    to: `+4477009${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`,
    body,
    subject: null,
    ...overrides,
  };
}
