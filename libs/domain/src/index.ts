export * from './roles';
export * from './catalog';
export * from './errors';
