import type { FieldRefusal } from '@app/contract';
import { ApiError } from './api';
import type { Translate } from './i18n';
import { ko, type MessageKey } from './messages';

/** A form's refusals by field name (the API's property path: `contact.phone`), in the reader's language. */
export type FieldErrors = Record<string, string>;

type RefusedField = Pick<FieldRefusal, 'field' | 'rule'>;

/** The fields a VALIDATION_FAILED problem names (`details.fields`), first refusal per field. */
export function refusedFields(error: unknown): RefusedField[] {
  if (!(error instanceof ApiError) || !error.is('VALIDATION_FAILED')) return [];
  const list = error.details?.fields;
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  const out: RefusedField[] = [];
  for (const item of list as unknown[]) {
    if (!item || typeof item !== 'object') continue;
    const { field, rule } = item as { field?: unknown; rule?: unknown };
    if (typeof field !== 'string' || seen.has(field)) continue;
    seen.add(field);
    out.push({ field, rule: typeof rule === 'string' ? rule : '' });
  }
  return out;
}

const hasMessage = (key: string): key is MessageKey => Object.hasOwn(ko, key);

/**
 * The text to show at each refused field: `field.<path>` (what the field expects, e.g. the phone's
 * form) when the pages have one, else a general "check this value". Never the server's English.
 * `byCode` places a refusal of the whole request at the field it is about (EMAIL_TAKEN → email).
 */
export function fieldErrorTexts(t: Translate, error: unknown, byCode: Record<string, string> = {}): FieldErrors {
  if (error instanceof ApiError && Object.hasOwn(byCode, error.code)) {
    const key = `code.${error.code}`;
    return { [byCode[error.code]]: t(hasMessage(key) ? key : 'field.invalid') };
  }
  const out: FieldErrors = {};
  for (const { field } of refusedFields(error)) {
    const key = `field.${field}`;
    out[field] = t(hasMessage(key) ? key : 'field.invalid');
  }
  return out;
}

const idOf = (name: string) => `field-error-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** aria attributes for an input whose field may be refused (and its hint, when it has one). */
export function fieldProps(
  errors: FieldErrors,
  name: string,
  hintId?: string,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const described = [hintId, errors[name] ? idOf(name) : undefined].filter(Boolean).join(' ');
  return {
    ...(errors[name] ? { 'aria-invalid': true as const } : {}),
    ...(described ? { 'aria-describedby': described } : {}),
  };
}

/** The refusal of one field, shown under it. */
export function FieldError({ errors, name }: { errors: FieldErrors; name: string }) {
  if (!errors[name]) return null;
  return (
    <p className="error field-error" id={idOf(name)} data-field-error={name}>
      {errors[name]}
    </p>
  );
}
