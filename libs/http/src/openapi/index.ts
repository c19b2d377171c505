export * from './api-problems.decorator';
export * from './document-problems';
