export * from './geometry';
export * from './service-area-rules';
export * from './fleet-rules';
export * from './roster-rules';
