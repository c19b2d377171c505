// The fleet-planning seam shared by the dispatcher (jobs) and the api (dispatcher moves).
export * from './fleet-state';
export * from './travel-time.factory';
export * from './osrm-travel-time.provider';
export * from './plan-edits';
export * from './ride-tasks';
export * from './shuttle-notifier';
export * from './shuttle-planner';
export * from './shuttle-planning.module';
export * from './luggage-day';
export * from './luggage-planner';
export * from './luggage-planning.module';
