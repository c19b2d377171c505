export * from './token.service';
export * from './decorators';
export * from './access-token.guard';
export * from './socket-auth';
export * from './auth.module';
export * from './tracking-token';
export * from './passwords';
export * from './account-check';
