// Moved to libs/planning (shared with the api); kept so existing imports keep working.
export * from '@app/planning';
