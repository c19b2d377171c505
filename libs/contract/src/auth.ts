import type { Role } from './status';

/** GET /v1/auth/me, and the `user` of a sign-in. */
export interface Me {
  id: string;
  email: string | null;
  displayName: string;
  role: Role;
  locale: string;
  areaIds: string[];
}

/** POST /v1/auth/sign-in, /v1/auth/refresh, /v1/riders/sign-up. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Me;
}

/** GET /v1/invites/:token: what the invite page shows before a password is set. */
export interface InviteInfo {
  purpose: 'invite' | 'reset';
  displayName: string;
  email: string | null;
  expiresAt: string;
}

/** GET /v1/web-config: the public settings the pages start from. */
export interface WebConfig {
  gatewayUrl: string;
  tileUrl: string;
  tileAttribution: string;
  defaultLocale: 'ko' | 'en';
  timezone: string;
}
