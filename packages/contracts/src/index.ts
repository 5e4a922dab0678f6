export * from './accounts';
export * from './apiKeys';
export * from './events';
export * from './health';
export * from './privacy';
export * from './problem';
export * from './review';
export * from './score';
