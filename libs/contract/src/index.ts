/**
 * The contract between the server and its clients: the shapes of the responses, the server
 * events, the status words and the error codes. Types only (no runtime code, no imports from a
 * framework), so the api, libs/realtime and the browser bundle (apps/web) all compile against it:
 * a field renamed on one side is a compile error on the other.
 */
export * from './admin';
export * from './auth';
export * from './catalog';
export * from './common';
export * from './errors';
export * from './figures';
export * from './luggage';
export * from './server-events';
export * from './shuttle';
export * from './status';
