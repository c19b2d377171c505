export * from './rooms';
export * from './server-events';
export * from './realtime-publisher';
export * from './realtime.module';
export * from './shuttle-events';
export * from './luggage-events';
