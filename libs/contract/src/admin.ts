import type { BilingualName, Holiday, WeeklyWindow } from './common';
import type { ServiceKindName, ShiftStatusName, StaffKindName } from './status';

export interface AdminArea {
  id: string;
  code: string;
  name: BilingualName;
  kind: ServiceKindName;
  timezone: string;
  /** GeoJSON Polygon. */
  boundary: unknown;
  serviceHours: WeeklyWindow[];
  holidays: Holiday[];
  /** Dispatch knobs (horizon, max wait, ride-time factors, cutoffs, …). */
  settings: Record<string, unknown>;
  updatedAt: string;
}

export interface AdminPlace {
  id: string;
  code: string;
  areaId: string;
  name: BilingualName;
  kind: string;
  lat: number;
  lng: number;
  isStop: boolean;
  addressKo: string | null;
  retiredAt: string | null;
}

export interface AdminVehicle {
  id: string;
  areaId: string;
  plate: string;
  label: string;
  seats: number;
  bagSlots: number;
  wheelchairAccessible: boolean;
  homePlaceId: string | null;
  inService: boolean;
}

export interface AdminStaff {
  /** Staff profile id (shifts refer to it). */
  id: string;
  userId: string;
  email: string | null;
  displayName: string;
  kind: StaffKindName;
  phone: string;
  language: string;
  areaIds: string[];
  active: boolean;
  /** False until the invite link has been used. */
  hasCredentials: boolean;
  deactivatedAt: string | null;
}

/** A single-use invite or reset link, shown once. */
export interface AccountLink {
  purpose: 'invite' | 'reset';
  url: string;
  token: string;
  expiresAt: string;
}

export interface StaffInvited {
  staff: AdminStaff;
  invite: AccountLink;
}

export interface ShiftBreak {
  start: string;
  end: string;
}

export interface AdminShift {
  id: string;
  staffId: string;
  vehicleId: string;
  areaId: string;
  plannedStart: string;
  plannedEnd: string;
  breaks: ShiftBreak[];
  status: ShiftStatusName;
  startedAt: string | null;
  endedAt: string | null;
}

export interface AdminCompany {
  id: string;
  areaId: string;
  name: BilingualName;
  employerCode: string;
  placeId: string | null;
  suspendedAt: string | null;
}

export interface AuditEntry {
  id: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

/** GET /v1/admin/audit-log: newest first, one page. */
export interface AuditPage {
  items: AuditEntry[];
  nextBefore: string | null;
}
