import { FormEvent, ReactNode, useState } from 'react';
import { ApiError, Me, session, signIn, signOut } from './api';
import { LanguageSwitch, Translate, useI18n } from './i18n';
import { ko, type MessageKey } from './messages';

/** Header with the page title, the language switch and (when signed in) sign-out. */
export function Shell({
  title,
  children,
  variant = 'phone',
  onSignOut,
}: {
  title: string;
  children: ReactNode;
  variant?: 'phone' | 'staff' | 'desktop';
  onSignOut?: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className={`shell shell-${variant}`}>
      <header className="top">
        <h1>{title}</h1>
        <div className="top-actions">
          <LanguageSwitch />
          {onSignOut && (
            <button type="button" className="link-button" onClick={onSignOut}>
              {t('auth.signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main">{children}</main>
    </div>
  );
}

const hasMessage = (key: string): key is MessageKey => Object.hasOwn(ko, key);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The problem's details as message values: instants as local HH:mm; lists and objects are not shown. */
function detailValues(
  details: Record<string, unknown> | undefined,
  time: (iso: string) => string,
): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(details ?? {})) {
    if (typeof value === 'number') values[name] = value;
    else if (typeof value === 'string') values[name] = ISO_INSTANT.test(value) ? time(value) : value;
  }
  return values;
}

/**
 * A refusal in the reader's language: the message for its code, filled from the problem's details,
 * with the code kept so that it can be quoted to a dispatcher. The server's own text (and code) when
 * the code has no message or the details lack a value the message needs.
 */
/** The message of `key` when there is one and it needs no values; else the fallback. */
export function messageOr(t: Translate, key: string, fallback: string): string {
  if (!hasMessage(key)) return fallback;
  const message = t(key);
  return /\{\w+\}/.test(message) ? fallback : message;
}

export function errorText({ t, time }: { t: Translate; time: (iso: string) => string }, error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.network');
  const key = `code.${error.code}`;
  if (hasMessage(key)) {
    const message = t(key, detailValues(error.details, time));
    if (!/\{\w+\}/.test(message)) return t('error.coded', { message, code: error.code });
  }
  return t('error.api', { code: error.code, message: error.message });
}

/** Sign-in for one role; the signed-in account is handed to the page. */
export function SignIn({
  role,
  onSignedIn,
  hint,
}: {
  role: Me['role'][];
  onSignedIn: (me: Me) => void;
  hint?: string;
}) {
  const { t, time } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await signIn(email.trim(), password);
      if (!role.includes(s.user.role)) {
        signOut();
        setError(t('auth.wrongRole'));
      } else onSignedIn(s.user);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('auth.failed') : errorText({ t, time }, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
      <h2 id="signin-title">{t('auth.title')}</h2>
      {hint && <p className="muted">{hint}</p>}
      <label>
        {t('auth.email')}
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        {t('auth.password')}
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('auth.submit')}
      </button>
    </form>
  );
}

/**
 * A page for an account of these roles: the sign-in form until then (with `signedOut` below it,
 * e.g. a sign-up), a sign-out button after.
 */
export function SignedInPage({
  title,
  roles,
  variant,
  children,
  signedOut,
}: {
  title: string;
  roles: Me['role'][];
  variant?: 'phone' | 'staff' | 'desktop';
  children: (me: Me) => ReactNode;
  signedOut?: (onSignedIn: (me: Me) => void) => ReactNode;
}) {
  const [me, setMe] = useAccount(roles);
  const leave = () => {
    signOut();
    setMe(null);
  };
  return (
    <Shell title={title} variant={variant} onSignOut={me ? leave : undefined}>
      {me ? (
        children(me)
      ) : (
        <div className="stack">
          <SignIn role={roles} onSignedIn={setMe} />
          {signedOut?.(setMe)}
        </div>
      )}
    </Shell>
  );
}

/** The signed-in account if it has one of these roles. */
export function useAccount(roles: Me['role'][]): [Me | null, (me: Me | null) => void] {
  const [me, setMe] = useState<Me | null>(() => {
    const s = session();
    return s && roles.includes(s.user.role) ? s.user : null;
  });
  return [me, setMe];
}

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {label}
    </span>
  );
}

export function LiveIndicator({ state }: { state: 'connecting' | 'live' | 'offline' }) {
  const { t } = useI18n();
  return (
    <span className={`live live-${state}`} role="status" data-testid="live-state" data-state={state}>
      {t(`live.${state}`)}
    </span>
  );
}
