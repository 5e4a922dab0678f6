export * from './decisions';
export * from './relations';
export * from './reviewTables';
export * from './tables';
export * from './values';
