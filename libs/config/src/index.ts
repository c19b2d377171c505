export * from './app-config';
export * from './config.module';
export { EMBEDDED_DATABASE_URL, EMBEDDED_REDIS_URL } from './env.schema';
