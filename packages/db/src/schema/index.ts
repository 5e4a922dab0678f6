export * from './decisions';
export * from './relations';
export * from './tables';
export * from './values';
