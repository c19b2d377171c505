export * from './error-codes';
export * from './status';
export * from './pricing';
export * from './pin';
export * from './schedule';
export * from './canonical';
export * from './custody';
export * from './risk';
