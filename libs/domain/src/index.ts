export * from './roles';
export * from './catalog';
export * from './errors';
export * from './clock';
export * from './shuttle';
export * from './operations';
export * from './luggage';
export * from './occurred-at';
