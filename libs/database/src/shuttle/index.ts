export * from './ride-store';
