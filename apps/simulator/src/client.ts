/** A client of the public HTTP API as a real app would be: bearer token, sign-in again on 401. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export class ApiClient {
  private token: string | null = null;
  userId = '';

  constructor(
    readonly baseUrl: string,
    readonly credentials: Credentials | null,
  ) {}

  get accessToken(): string | null {
    return this.token;
  }

  async signIn(): Promise<void> {
    if (!this.credentials) return;
    const res = await this.raw<{ accessToken: string; user: { id: string } }>(
      'POST',
      '/v1/auth/sign-in',
      this.credentials,
      false,
    );
    this.token = res.accessToken;
    this.userId = res.user.id;
  }

  /** Uses tokens obtained elsewhere (e.g. from sign-up). */
  adopt(accessToken: string, userId = ''): void {
    this.token = accessToken;
    this.userId = userId;
  }

  request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.raw<T>(method, path, body, true, headers);
  }

  private async raw<T>(
    method: string,
    path: string,
    body: unknown,
    retryAuth: boolean,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status === 401 && retryAuth && this.credentials) {
      await this.signIn();
      return this.raw<T>(method, path, body, false, headers);
    }
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const problem = (parsed ?? {}) as { code?: string; detail?: string; title?: string; message?: string };
      throw new ApiError(
        response.status,
        problem.code ?? `HTTP_${response.status}`,
        `${method} ${path}: ${response.status} ${problem.code ?? ''} ${problem.detail ?? problem.message ?? problem.title ?? ''}`.trim(),
      );
    }
    return parsed as T;
  }
}
