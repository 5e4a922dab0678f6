// The lead dashboard (/api/dashboard).
import { type Static, Type } from 'typebox';

export const Dashboard = Type.Object({
  openByAge: Type.Array(Type.Object({ bucket: Type.String(), count: Type.Integer() })),
  overdue: Type.Integer(),
  decisionsPerDay: Type.Array(
    Type.Object({ day: Type.String(), reinstated: Type.Integer(), upheld: Type.Integer() }),
  ),
  overturnByReason: Type.Array(
    Type.Object({
      key: Type.String(),
      decided: Type.Integer(),
      overturned: Type.Integer(),
      rate: Type.Number(),
    }),
  ),
  overturnByModel: Type.Array(
    Type.Object({
      key: Type.String(),
      decided: Type.Integer(),
      overturned: Type.Integer(),
      rate: Type.Number(),
    }),
  ),
});
export type Dashboard = Static<typeof Dashboard>;
