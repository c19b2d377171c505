export * from './luggage-store';
