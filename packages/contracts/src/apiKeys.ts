import Type, { type Static } from 'typebox';
import { Identifier } from './identifiers';

export const API_KEY_SCOPES = ['score', 'events', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const ApiKeyScope = Type.Enum(API_KEY_SCOPES);

export const CreateApiKeyRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(ApiKeyScope, { minItems: 1, maxItems: 3, uniqueItems: true }),
  },
  { title: 'CreateApiKeyRequest', additionalProperties: false },
);
export type CreateApiKeyRequest = Static<typeof CreateApiKeyRequest>;

export const ApiKeyView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String({ description: 'First characters of the key, to recognise it' }),
    scopes: Type.Array(ApiKeyScope),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { title: 'ApiKeyView' },
);
export type ApiKeyView = Static<typeof ApiKeyView>;

export const CreatedApiKey = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String(),
    scopes: Type.Array(ApiKeyScope),
    createdAt: Type.String({ format: 'date-time' }),
    key: Type.String({ description: 'The secret key: shown once, never again' }),
  },
  { title: 'CreatedApiKey' },
);
export type CreatedApiKey = Static<typeof CreatedApiKey>;

export const ApiKeyList = Type.Object({ keys: Type.Array(ApiKeyView) }, { title: 'ApiKeyList' });
export type ApiKeyList = Static<typeof ApiKeyList>;

export const ApiKeyParams = Type.Object({ id: Identifier('The key id', 64) });
export type ApiKeyParams = Static<typeof ApiKeyParams>;
