import type { SeededRandom } from './random';

/**
 * Recipient numbers. Honest senders reach people in their home market (numbers spread over many
 * ranges); pumping walks a run of numbers inside a few premium ranges.
 */
export interface Market {
  country: string;
  /** Country code plus the mobile range digits that start a national number. */
  mobilePrefixes: readonly string[];
  /** Digits after the chosen prefix. */
  restDigits: number;
}

export const HOME_MARKETS: readonly Market[] = [
  {
    country: 'US',
    mobilePrefixes: ['1212', '1312', '1415', '1617', '1646', '1713', '1801', '1917'],
    restDigits: 7,
  },
  { country: 'GB', mobilePrefixes: ['4474', '4475', '4477', '4478', '4479'], restDigits: 8 },
  { country: 'DE', mobilePrefixes: ['49151', '49152', '49160', '49170', '49176'], restDigits: 7 },
  { country: 'FR', mobilePrefixes: ['336', '337'], restDigits: 8 },
  { country: 'ES', mobilePrefixes: ['346', '347'], restDigits: 8 },
  { country: 'NL', mobilePrefixes: ['316'], restDigits: 8 },
  { country: 'IN', mobilePrefixes: ['919', '918', '917'], restDigits: 9 },
  { country: 'BR', mobilePrefixes: ['55119', '55219', '55319'], restDigits: 8 },
  { country: 'AU', mobilePrefixes: ['614'], restDigits: 8 },
];

/**
 * High-cost ranges seen in SMS pumping. Training uses one set; evaluation of unseen variants uses
 * other countries and ranges entirely, so the model cannot have learned the prefixes themselves.
 */
export const PUMPING_RANGES = {
  train: ['8821', '8823', '3712', '2327', '99365', '2526', '23762', '9607'],
  unseen: ['2348', '37477', '22177', '99891', '8816', '25678', '9647', '59470'],
} as const;

export function homeNumber(random: SeededRandom, market: Market): string {
  return `+${random.pick(market.mobilePrefixes)}${random.digits(market.restDigits)}`;
}

/** A walk through one range: consecutive numbers with small random gaps (near-sequential). */
export class SequentialRange {
  private next: number;

  constructor(
    private readonly prefix: string,
    start: number,
    private readonly width: number,
    private readonly random: SeededRandom,
  ) {
    this.next = start;
  }

  take(): string {
    const n = this.next;
    this.next += this.random.chance(0.7) ? 1 : this.random.int(2, 9);
    return `+${this.prefix}${String(n % 10 ** this.width).padStart(this.width, '0')}`;
  }
}
