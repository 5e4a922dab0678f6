import Type, { type Static } from 'typebox';

// ---------------------------------------------------------------- live stats (/api/stats)

const Minute = Type.String({ format: 'date-time', description: 'Start of the minute (UTC)' });

export const LiveStats = Type.Object({
  generatedAt: Type.String({ format: 'date-time' }),
  windowMinutes: Type.Integer(),
  /** One row per minute of the window, oldest first, zeros included. */
  minutes: Type.Array(
    Type.Object({
      minute: Minute,
      allow: Type.Integer(),
      review: Type.Integer(),
      block: Type.Integer(),
      flagged: Type.Integer({ description: 'Accounts flagged (sent to review)' }),
      suspended: Type.Integer({ description: 'Accounts suspended' }),
      /** Review cases open at the end of the minute. */
      queueOpen: Type.Integer(),
      /** Messages scored by both the live and the shadow model, and how many got the same action. */
      shadowCompared: Type.Integer(),
      shadowAgreed: Type.Integer(),
    }),
  ),
  queue: Type.Object({
    open: Type.Integer(),
    flagged: Type.Integer(),
    appeals: Type.Integer(),
    oldestAgeSeconds: Type.Union([Type.Integer(), Type.Null()]),
    medianAgeSeconds: Type.Union([Type.Integer(), Type.Null()]),
  }),
  shadow: Type.Object({
    liveModel: Type.String(),
    shadowModel: Type.Union([Type.String(), Type.Null()]),
    compared: Type.Integer(),
    agreed: Type.Integer(),
  }),
});
export type LiveStats = Static<typeof LiveStats>;
