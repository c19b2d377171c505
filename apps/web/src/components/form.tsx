import { FormEvent, ReactNode, useState } from 'react';
import type { BilingualName } from '@app/contract';
import { useI18n } from '../i18n';
import { errorText } from '../shell';

/** A form field's text, trimmed. */
export const str = (v: FormDataEntryValue | null): string => String(v ?? '').trim();
/** A form field as a number (NaN when it is not one: the server refuses it with its code). */
export const num = (v: FormDataEntryValue | null): number => Number(str(v));
/** An optional number field: empty leaves the setting as it is (the server's default when never set). */
export const optNum = (v: FormDataEntryValue | null): number | undefined => (str(v) === '' ? undefined : num(v));
/** The two name inputs (nameKo, nameEn) as a bilingual name. */
export const nameOf = (f: FormData): BilingualName => ({ ko: str(f.get('nameKo')), en: str(f.get('nameEn')) });

/** Runs one change and reports it: API errors by code and message, in the user's language. */
export function useAction(reload: () => Promise<void>) {
  const { t, time } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>, done?: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await fn();
      setNotice(done ?? t('admin.saved'));
      await reload();
      return true;
    } catch (err) {
      setError(errorText({ t, time }, err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  /** A destructive change: runs only when the user says yes to `message`; no changes nothing. */
  const ask = (message: string, fn: () => Promise<unknown>, done?: string): void => {
    if (window.confirm(message)) void run(fn, done);
  };
  return { error, notice, busy, run, ask, setError };
}

/** The outcome of the last change: the refusal as an alert, the success as a status line. */
export function Feedback({ error, notice }: { error: string | null; notice: string | null }) {
  return (
    <>
      {error && (
        <p className="error" role="alert" data-testid="admin-error">
          {error}
        </p>
      )}
      <p role="status" className="muted" data-testid="admin-notice">
        {notice ?? ''}
      </p>
    </>
  );
}

/** The save / close pair under every editing form. */
export function FormActions({
  busy,
  onClose,
  submitLabel,
}: {
  busy: boolean;
  onClose: () => void;
  submitLabel?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="row">
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel ?? t('admin.save')}
      </button>
      <button type="button" onClick={onClose}>
        {t('form.close')}
      </button>
    </div>
  );
}

/** The button that opens a section's form for a new record. */
export function NewButton({ label, testId, onClick }: { label: string; testId?: string; onClick: () => void }) {
  return (
    <div>
      <button type="button" onClick={onClick} data-testid={testId}>
        {label}
      </button>
    </div>
  );
}

/** A section's editing form: its fields, then save and close. */
export function EditForm({
  label,
  testId,
  busy,
  onSubmit,
  onClose,
  submitLabel,
  children,
}: {
  label: string;
  testId?: string;
  busy: boolean;
  onSubmit: (e: FormEvent<HTMLFormElement>) => Promise<void>;
  onClose: () => void;
  submitLabel?: string;
  children: ReactNode;
}) {
  return (
    <form className="form admin-form" onSubmit={(e) => void onSubmit(e)} aria-label={label} data-testid={testId}>
      {children}
      <FormActions busy={busy} onClose={onClose} submitLabel={submitLabel} />
    </form>
  );
}

/** A change that cannot be undone in one click: the caller asks first (useAction's `ask`). */
export function DangerButton({ label, testId, onClick }: { label: string; testId?: string; onClick: () => void }) {
  return (
    <button type="button" className="danger" data-testid={testId} onClick={onClick}>
      {label}
    </button>
  );
}

/** A name in both languages, as two inputs (nameKo, nameEn). */
export function NameInputs({ value }: { value?: BilingualName }) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('admin.nameKo')}
        <input name="nameKo" required defaultValue={value?.ko} lang="ko" />
      </label>
      <label>
        {t('admin.nameEn')}
        <input name="nameEn" required defaultValue={value?.en} lang="en" />
      </label>
    </>
  );
}

/** A titled card of a page (`section-<id>` for the tests, `<id>-title` labels it). */
export function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid={`section-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
