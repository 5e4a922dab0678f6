/** Synthetic SMS for the inference benchmark and instruction counts: fixed, no real message bodies. */
const TEMPLATES = [
  'Your parcel is held at our depot, pay the {n} GBP fee at http://bit.ly/{w} today',
  'Hey {w}, are we still on for dinner at {n}? I booked a table',
  'URGENT: your account {n} has been locked, verify your details at secure-{w}.com/login',
  'Reminder: your appointment with Dr {w} is tomorrow at {n}:30. Reply C to confirm',
  'Congratulations! You won a {n} prize, call 0800{n} to claim your {w} reward now',
  'Can you pick up some {w} on the way home? Thanks, see you around {n}',
];

export function sampleMessages(n: number, offset = 0): string[] {
  return Array.from({ length: n }, (_, j) => {
    const i = j + offset;
    return TEMPLATES[i % TEMPLATES.length]
      .replaceAll('{n}', String((i * 7919) % 1000))
      .replaceAll('{w}', `w${(i * 104729) % 9973}`);
  });
}
