export * from './ride-status';
export * from './ride-rules';
export * from './shuttle-errors';
