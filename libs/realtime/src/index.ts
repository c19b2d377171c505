export * from './rooms';
// The event map is part of the contract (libs/contract); re-exported for the server's callers.
export type {
  VersionedEvent,
  RideStatusEvent,
  VehiclePositionEvent,
  ManifestUpdatedEvent,
  DispatchDecisionEvent,
  LuggageStatusEvent,
  LuggagePositionEvent,
  LuggageAtRiskEvent,
  ServerEvents,
  ServerEventName,
} from '@app/contract';
export * from './realtime-publisher';
export * from './realtime.module';
export * from './shuttle-events';
export * from './luggage-events';
