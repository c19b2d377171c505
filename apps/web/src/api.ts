import type { ErrorCode, TokenPair } from '@app/contract';

export type { Me } from '@app/contract';

/** The public API, same origin. Errors carry the API's stable code and the problem's details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The problem's code; `HTTP_<status>` when the answer had none (a proxy's page, say). */
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** Whether the refusal has this code (a code the contract does not know fails to compile). */
  is(code: ErrorCode): boolean {
    return this.code === code;
  }
}

type Session = Pick<TokenPair, 'accessToken' | 'refreshToken' | 'user'>;

const KEY = 'geomdan.session';

export function session(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function signOut(): void {
  localStorage.removeItem(KEY);
}

export async function signIn(email: string, password: string): Promise<Session> {
  const s = await request<Session>('POST', '/v1/auth/sign-in', { body: { email, password }, auth: false });
  localStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

export interface RiderSignUp {
  employerCode: string;
  displayName: string;
  email: string;
  password: string;
  phone?: string;
  locale: 'ko' | 'en';
}

/** A park worker's own account, eligible by the employer code of their company; signed in at once. */
export async function signUpRider(body: RiderSignUp): Promise<Session> {
  const s = await request<Session>('POST', '/v1/riders/sign-up', { body, auth: false });
  localStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

let refreshing: Promise<boolean> | null = null;

/**
 * One refresh at a time: the server revokes every token of the session when a rotated refresh
 * token comes back, so parallel 401s must share one rotation instead of racing with the same token.
 */
function refresh(): Promise<boolean> {
  refreshing ??= rotate().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function rotate(): Promise<boolean> {
  const s = session();
  if (!s) return false;
  try {
    const next = await request<Session>('POST', '/v1/auth/refresh', {
      body: { refreshToken: s.refreshToken },
      auth: false,
    });
    localStorage.setItem(KEY, JSON.stringify(next));
    return true;
  } catch {
    return false;
  }
}

export interface RequestOptions {
  body?: unknown;
  form?: FormData;
  auth?: boolean;
  headers?: Record<string, string>;
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
  retried = false,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = options.auth === false ? null : session()?.accessToken;
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, { method, headers, body });
  if (response.status === 401 && token && !retried && (await refresh())) return request<T>(method, path, options, true);
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const problem = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    const details =
      problem.details && typeof problem.details === 'object' && !Array.isArray(problem.details)
        ? (problem.details as Record<string, unknown>)
        : undefined;
    throw new ApiError(
      response.status,
      problem.code ?? `HTTP_${response.status}`,
      problem.message ?? response.statusText,
      details,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, o?: RequestOptions) => request<T>('GET', path, o),
  post: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('POST', path, { ...o, body: body ?? {} }),
};

/** A fresh idempotency key per user intent (retries of the same intent reuse it). */
export const newKey = (): string =>
  crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
