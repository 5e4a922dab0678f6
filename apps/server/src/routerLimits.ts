/**
 * The longest path parameter the router takes. Signed appeal tokens are ~130 characters, past
 * find-my-way's default of 100, and identifiers are bounded by their own schemas (128), so the router
 * limit only stops absurd segments (414 URL_TOO_LONG); a merely long id gets 400 from its schema.
 */
export const MAX_PARAM_LENGTH = 2048;
