export { emptySignals } from './assemble';
export { type Destination, destinationOf, PREFIX_NATIONAL_DIGITS } from './destinations';
export { foldOutcome } from './foldOutcome';
export { createMemorySignalStore, type MemorySignalStoreOptions } from './memory';
export { createRedisSignalStore, type RedisSignalStoreOptions, SignalStoreUnavailableError } from './redis';
export {
  CrossSlotScriptError,
  connectRedis,
  hashTagOf,
  type LuaScript,
  luaScript,
  parseRedisUrl,
  type RedisCommandOptions,
  type RedisConnection,
  type RedisConnectionOptions,
  type RedisReply,
  type RedisTarget,
  RedisUrlError,
} from './redisConnection';
export type {
  AccountSignals,
  AccountStatus,
  DeliveryStatus,
  MessageObservation,
  MessageOutcome,
  ObserveResult,
  SetStatusOptions,
  SignalEvent,
  SignalStore,
} from './types';
export { fingerprintBands, recipientKey } from './windows';
