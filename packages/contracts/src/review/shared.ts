// Small schema helpers shared by the review contracts.
import { type TSchema, Type } from 'typebox';

export const IsoTime = Type.String({ description: 'ISO-8601 time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
