export enum Role {
  Rider = 'rider',
  Traveller = 'traveller',
  Staff = 'staff',
  Dispatcher = 'dispatcher',
  Admin = 'admin',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Who the token belongs to, as guards and socket handlers see it. */
export interface Principal {
  userId: string;
  role: Role;
  /** Service areas a dispatcher or staff member works in; empty for admins (who see all). */
  areaIds: string[];
  /** When the access token behind it was signed (seconds since the epoch, its `iat`), if read from one. */
  issuedAtS?: number;
}

/** Admins see every service area; everyone else only the areas they work in. */
export function worksInArea(principal: Principal, areaId: string): boolean {
  return principal.role === Role.Admin || principal.areaIds.includes(areaId);
}
