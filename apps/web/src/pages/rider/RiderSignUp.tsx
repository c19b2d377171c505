import { FormEvent, useState } from 'react';
import { Me, signUpRider } from '../../api';
import { FieldError, fieldErrorTexts, FieldErrors, fieldProps } from '../../fields';
import { useI18n } from '../../i18n';
import { errorText } from '../../shell';

/** Refusals of the whole sign-up that are about one field. */
const BY_CODE = { EMPLOYER_CODE_UNKNOWN: 'employerCode', EMAIL_TAKEN: 'email', PHONE_TAKEN: 'phone' };

type Values = { employerCode: string; displayName: string; email: string; password: string; phone: string };

/** A park worker's first visit: an account of their own with the employer code their company gave them. */
export function RiderSignUp({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const i = useI18n();
  const { t } = i;
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Values>({
    employerCode: '',
    displayName: '',
    email: '',
    password: '',
    phone: '',
  });
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <section className="card" aria-labelledby="sign-up-offer">
        <h2 id="sign-up-offer">{t('signup.offerTitle')}</h2>
        <p className="muted">{t('signup.offer')}</p>
        <button type="button" onClick={() => setOpen(true)} data-testid="show-sign-up">
          {t('signup.open')}
        </button>
      </section>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const phone = values.phone.trim();
      const s = await signUpRider({
        employerCode: values.employerCode.trim(),
        displayName: values.displayName.trim(),
        email: values.email.trim(),
        password: values.password,
        ...(phone ? { phone } : {}),
        locale: i.locale,
      });
      onSignedIn(s.user);
    } catch (err) {
      // What was typed stays: only the refused fields need fixing.
      const refused = fieldErrorTexts(t, err, BY_CODE);
      setFields(refused);
      setError(Object.keys(refused).length ? t('form.fixFields') : errorText(i, err));
    } finally {
      setBusy(false);
    }
  };

  const input = (
    name: keyof Values,
    label: string,
    attrs: { type?: string; autoComplete?: string; required?: boolean; hint?: string } = {},
  ) => (
    <>
      <label>
        {label}
        <input
          name={name}
          type={attrs.type ?? 'text'}
          autoComplete={attrs.autoComplete}
          required={attrs.required ?? true}
          value={values[name]}
          onChange={(e) => setValues({ ...values, [name]: e.target.value })}
          {...fieldProps(fields, name, attrs.hint ? `${name}-hint` : undefined)}
        />
      </label>
      {attrs.hint && (
        <p id={`${name}-hint`} className="muted">
          {attrs.hint}
        </p>
      )}
      <FieldError errors={fields} name={name} />
    </>
  );

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="sign-up-title" data-testid="sign-up">
      <h2 id="sign-up-title">{t('signup.title')}</h2>
      {input('employerCode', t('signup.employerCode'), { autoComplete: 'off', hint: t('signup.employerCodeHint') })}
      {input('displayName', t('signup.name'), { autoComplete: 'name' })}
      {input('email', t('auth.email'), { type: 'email', autoComplete: 'email' })}
      {input('password', t('auth.password'), {
        type: 'password',
        autoComplete: 'new-password',
        hint: t('signup.passwordHint'),
      })}
      {input('phone', t('signup.phone'), {
        type: 'tel',
        autoComplete: 'tel',
        required: false,
        hint: t('signup.phoneHint'),
      })}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('signup.submit')}
      </button>
    </form>
  );
}
