import { useCallback, useEffect, useState } from 'react';
import { api, request } from '../../api';
import { useI18n } from '../../i18n';
import { errorText } from '../../shell';

export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });

/** A list read from the API while the section shows; `load` reads it again after a change. */
export function useList<T>(path: string): [T[], () => Promise<void>, string | null] {
  const { t, time } = useI18n();
  const [items, setItems] = useState<T[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setItems(await api.get<T[]>(path));
      setError(null);
    } catch (err) {
      setError(errorText({ t, time }, err));
    }
  }, [path, t]);
  useEffect(() => {
    void load();
  }, [load]);
  return [items, load, error];
}
