export * from './entities';
export * from './data-source';
export * from './database.module';
export * from './seed/demo-catalogue';
export * from './seed/seed-demo';
export * from './migrate';
export * from './area-planning-lock';
export * from './shuttle';
