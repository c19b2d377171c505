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
}
