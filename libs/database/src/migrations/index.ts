import { InitialSchema1795514532857 } from './1795514532857-InitialSchema';
import { LuggageDelivery1795515307900 } from './1795515307900-LuggageDelivery';
import { ShuttleRides1795515505087 } from './1795515505087-ShuttleRides';
import { OperationsAdmin1795515630219 } from './1795515630219-OperationsAdmin';
import { NoShowWait1795600000000 } from './1795600000000-NoShowWait';
import { RefreshTokenFamilies1796294039895 } from './1796294039895-RefreshTokenFamilies';
import { Notifications1796354938256 } from './1796354938256-Notifications';

// Migrations are listed explicitly so the same array works from TypeScript (tests) and dist.
export const MIGRATIONS: Array<new () => unknown> = [
  InitialSchema1795514532857,
  LuggageDelivery1795515307900,
  ShuttleRides1795515505087,
  OperationsAdmin1795515630219,
  NoShowWait1795600000000,
  RefreshTokenFamilies1796294039895,
  Notifications1796354938256,
];
