import { MAX_BODY_BYTES, ScoreRequest } from '@gavel/contracts';
import { type Analysis, analyze, contentFingerprint, linkDomains } from '@gavel/features';
import type { MessageObservation } from '@gavel/signals';
import { Compile } from 'typebox/compile';
import { fieldErrors, ProblemError } from '../problem';

/** A message past validation, with its features and what the signal store observes of it. */
export interface PreparedMessage {
  req: ScoreRequest;
  sentAt: number;
  analysis: Analysis;
  observation: MessageObservation;
}

const checkScoreRequest = Compile(ScoreRequest);

/** Batch items are checked here, one by one (the route checks only the envelope); `/v1/score` by fastify. */
export function validateItem(item: unknown, index: number): ScoreRequest | ProblemError {
  if (checkScoreRequest.Check(item)) return item as ScoreRequest;
  return new ProblemError(
    400,
    'INVALID_BODY',
    'This message does not match the schema',
    fieldErrors(checkScoreRequest.Errors(item), `/messages/${index}`),
  );
}

/** The checks a schema cannot express, then featurization. */
export function prepareMessage(req: ScoreRequest): PreparedMessage | ProblemError {
  // The schema counts characters; 64 KiB is a byte limit. A UTF-16 unit is at most 3 UTF-8 bytes.
  if (req.body.length * 3 > MAX_BODY_BYTES && Buffer.byteLength(req.body, 'utf8') > MAX_BODY_BYTES) {
    return new ProblemError(400, 'INVALID_BODY', 'The message body is over 64 KiB', [
      { path: '/body', message: 'must be at most 65536 bytes of UTF-8' },
    ]);
  }
  let sentAt = Date.now();
  if (req.sentAt !== undefined) {
    sentAt = Date.parse(req.sentAt);
    if (!Number.isFinite(sentAt)) {
      return new ProblemError(400, 'INVALID_BODY', 'sentAt is not a valid time', [
        { path: '/sentAt', message: 'must be an RFC 3339 date-time' },
      ]);
    }
  }
  const analysis = analyze(req.subject ? `${req.subject}\n${req.body}` : req.body);
  return {
    req,
    sentAt,
    analysis,
    observation: {
      accountId: req.accountId,
      messageId: req.messageId,
      to: req.to,
      channel: req.channel,
      sentAt,
      fingerprint: contentFingerprint(analysis),
      linkDomains: linkDomains(analysis),
      otp: analysis.entities.otpCodes > 0,
    },
  };
}
