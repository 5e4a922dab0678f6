import Type, { type Static } from 'typebox';

export const Health = Type.Object({ status: Type.Literal('ok') }, { title: 'Health' });
export type Health = Static<typeof Health>;

export const DEPENDENCY_STATES = ['up', 'down', 'disabled'] as const;
export type DependencyState = (typeof DEPENDENCY_STATES)[number];
const DependencyStateSchema = Type.Enum(DEPENDENCY_STATES);

export const Readiness = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('unavailable')]),
    checks: Type.Record(Type.String(), DependencyStateSchema, {
      description: 'database, signals, model, decisionWriter, ...',
    }),
  },
  { title: 'Readiness' },
);
export type Readiness = Static<typeof Readiness>;
