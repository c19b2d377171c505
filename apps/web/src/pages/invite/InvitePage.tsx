import { FormEvent, useEffect, useState } from 'react';
import type { InviteInfo } from '@app/contract';
import { api, ApiError } from '../../api';
import { FieldError, fieldErrorTexts, FieldErrors, fieldProps } from '../../fields';
import { useI18n } from '../../i18n';
import { errorText, Shell } from '../../shell';

/**
 * The page behind a staff invite or reset link (`/invite/<token>`): the driver or courier sets a
 * password or PIN once, then signs in on the staff page. Large type, like the staff page.
 */
export function InvitePage({ token }: { token: string }) {
  const i = useI18n();
  const { t } = i;
  const [info, setInfo] = useState<InviteInfo | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    api
      .get<InviteInfo>(`/v1/invites/${encodeURIComponent(token)}`, { auth: false })
      .then(setInfo)
      .catch((e: unknown) => setInvalid(errorText(i, e)));
  }, [token]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (password !== repeat) {
      setFields({ repeat: t('invite.mismatch') });
      return;
    }
    setFields({});
    setBusy(true);
    try {
      await api.post(`/v1/invites/${encodeURIComponent(token)}/accept`, { password }, { auth: false });
      setDone(true);
    } catch (err) {
      setFields(fieldErrorTexts(t, err));
      // A link used meanwhile (or expired) cannot be retried: say so instead of the form.
      if (err instanceof ApiError && err.code.startsWith('INVITE_')) setInvalid(errorText(i, err));
      else setError(errorText(i, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Shell title={t('invite.title')} variant="staff">
      <div className="stack staff">
        {invalid && (
          <section className="card" data-testid="invite-invalid">
            <p className="error" role="alert">
              {invalid}
            </p>
          </section>
        )}
        {!invalid && info && done && (
          <section className="card invite" aria-labelledby="invite-done-title" data-testid="invite-done">
            <h2 id="invite-done-title">{t('invite.doneTitle')}</h2>
            <p role="status">{info.email ? t('invite.doneWithEmail', { email: info.email }) : t('invite.done')}</p>
            <a className="button primary" href="/staff">
              {t('invite.toStaff')}
            </a>
          </section>
        )}
        {!invalid && info && !done && (
          <form
            className="card form invite"
            onSubmit={(e) => void submit(e)}
            aria-labelledby="invite-title"
            data-testid="invite"
            noValidate
          >
            <h2 id="invite-title">
              {t(info.purpose === 'reset' ? 'invite.resetHello' : 'invite.hello', { name: info.displayName })}
            </h2>
            <p>{t('invite.intro')}</p>
            {info.email && <p className="muted">{t('invite.account', { email: info.email })}</p>}
            <label>
              {t('invite.password')}
              <input
                type="password"
                name="password"
                autoComplete="new-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                {...fieldProps(fields, 'password', 'invite-rule')}
              />
            </label>
            <p id="invite-rule" className="muted">
              {t('invite.rule')}
            </p>
            <FieldError errors={fields} name="password" />
            <label>
              {t('invite.repeat')}
              <input
                type="password"
                name="repeat"
                autoComplete="new-password"
                required
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
                {...fieldProps(fields, 'repeat')}
              />
            </label>
            <FieldError errors={fields} name="repeat" />
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <p className="muted">{t('invite.expires', { at: i.dateTime(info.expiresAt) })}</p>
            <button type="submit" className="primary" disabled={busy || !password}>
              {t('invite.submit')}
            </button>
          </form>
        )}
      </div>
    </Shell>
  );
}
