import { useMemo } from 'react';
import type { BilingualName } from '@app/contract';
import { useI18n } from '../i18n';

/** A required choice among places (stops), sorted by their name in the reader's language. */
export function PlaceSelect({
  label,
  name,
  value,
  onChange,
  places,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (id: string) => void;
  places: ReadonlyArray<{ id: string; code: string; name: BilingualName }>;
}) {
  const i = useI18n();
  const sorted = useMemo(() => [...places].sort((a, b) => i.name(a.name).localeCompare(i.name(b.name))), [places, i]);
  return (
    <label>
      {label}
      <select required value={value} onChange={(e) => onChange(e.target.value)} name={name}>
        <option value="">{i.t('form.choose')}</option>
        {sorted.map((s) => (
          <option key={s.id} value={s.id} data-code={s.code}>
            {i.name(s.name)}
          </option>
        ))}
      </select>
    </label>
  );
}
