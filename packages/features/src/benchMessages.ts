/**
 * SMS-length messages for the featurize benchmark and its instruction count
 * (tests/bench/featurizeInstructions.ts), from the hand-written golden set (ham, spam, smishing,
 * several languages, evasion tricks): as written (40-160 chars), and joined in pairs to a full
 * 160-char SMS.
 */
import { GOLDEN_MESSAGES } from './golden.messages';

export const SMS_AS_WRITTEN: readonly string[] = GOLDEN_MESSAGES.filter(
  (m) => m.length >= 40 && m.length <= 160,
);
export const SMS_160: readonly string[] = SMS_AS_WRITTEN.map((m, i) =>
  `${m} ${SMS_AS_WRITTEN[(i + 7) % SMS_AS_WRITTEN.length]}`.slice(0, 160),
);
