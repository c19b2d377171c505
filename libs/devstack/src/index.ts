export * from './ports';
export * from './stale-process';
export * from './embedded-postgres';
export * from './private-redis';
export * from './apt-install';
export * from './provision';
