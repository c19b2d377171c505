export * from './app-config';
export * from './config.module';
export { embeddedDatabaseUrl, embeddedRedisUrl } from './env.schema';
