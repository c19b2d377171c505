import { FormEvent, ReactNode, useState } from 'react';
import { ApiError, Me, session, signIn, signOut } from './api';
import { LanguageSwitch, useI18n } from './i18n';
import type { MessageKey } from './messages';

/** Header with the page title, the language switch and (when signed in) sign-out. */
export function Shell({ title, children, variant = 'phone', onSignOut }: { title: string; children: ReactNode; variant?: 'phone' | 'staff' | 'desktop'; onSignOut?: () => void }) {
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

export function errorText(t: (k: MessageKey, v?: Record<string, string | number>) => string, error: unknown): string {
  if (error instanceof ApiError) return t('error.api', { code: error.code, message: error.message });
  return t('error.network');
}

/** Sign-in for one role; the signed-in account is handed to the page. */
export function SignIn({ role, onSignedIn, hint }: { role: Me['role'][]; onSignedIn: (me: Me) => void; hint?: string }) {
  const { t } = useI18n();
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
      setError(err instanceof ApiError && err.status === 401 ? t('auth.failed') : errorText(t, err));
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
        <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        {t('auth.password')}
        <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
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

/** A page for an account of these roles: the sign-in form until then, a sign-out button after. */
export function SignedInPage({ title, roles, variant, children }: { title: string; roles: Me['role'][]; variant?: 'phone' | 'staff' | 'desktop'; children: (me: Me) => ReactNode }) {
  const [me, setMe] = useAccount(roles);
  const leave = () => {
    signOut();
    setMe(null);
  };
  return (
    <Shell title={title} variant={variant} onSignOut={me ? leave : undefined}>
      {me ? children(me) : <SignIn role={roles} onSignedIn={setMe} />}
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
