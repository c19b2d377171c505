export * from './queue-names';
export * from './redis-connection';
export * from './outbox';
export * from './outbox-relay.service';
export * from './queues.module';
export * from './luggage-jobs';
export * from './vehicle-jobs';
