import { useCallback, useEffect, useState } from 'react';
import type { AdminStaff, AuditPage } from '@app/contract';
import { api, Me } from '../../api';
import { Feedback, Section } from '../../components/form';
import { DataTable } from '../../components/table';
import { useI18n } from '../../i18n';
import { errorText } from '../../shell';
import { useList } from './use-list';

export function AuditSection({ me }: { me: Me }) {
  const { t, dateTime, time } = useI18n();
  const [entries, setEntries] = useState<AuditPage['items']>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [staff] = useList<AdminStaff>('/v1/admin/staff?includeInactive=true');
  const load = useCallback(
    async (before: string | null) => {
      try {
        const page = await api.get<AuditPage>(`/v1/admin/audit-log?limit=50${before ? `&before=${before}` : ''}`);
        setEntries((cur) => (before ? [...cur, ...page.items] : page.items));
        setNext(page.nextBefore);
        setError(null);
      } catch (err) {
        setError(errorText({ t, time }, err));
      }
    },
    [t],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  const who = (id: string | null) =>
    !id
      ? t('admin.audit.system')
      : id === me.id
        ? me.displayName
        : (staff.find((s) => s.userId === id)?.displayName ?? id.slice(0, 8));
  const json = (v: unknown) => (v == null ? '—' : JSON.stringify(v, null, 1));
  return (
    <Section title={t('admin.tab.audit')} id="audit">
      <Feedback error={error} notice={null} />
      <div>
        <button type="button" onClick={() => void load(null)}>
          {t('admin.refresh')}
        </button>
      </div>
      <DataTable
        testId="audit"
        columns={[
          t('admin.when'),
          t('admin.audit.who'),
          t('admin.audit.action'),
          t('admin.audit.entity'),
          t('admin.audit.change'),
        ]}
      >
        {entries.map((e) => (
          <tr key={e.id} data-action={e.action}>
            <td>{dateTime(e.at)}</td>
            <td>{who(e.actorUserId)}</td>
            <td>
              <code>{e.action}</code>
            </td>
            <td>
              {e.entityType} <span className="muted">{e.entityId.slice(0, 8)}</span>
            </td>
            <td>
              <details>
                <summary>{t('admin.audit.beforeAfter')}</summary>
                <div className="audit-diff">
                  <div>
                    <strong>{t('admin.audit.before')}</strong>
                    <pre>{json(e.before)}</pre>
                  </div>
                  <div>
                    <strong>{t('admin.audit.after')}</strong>
                    <pre>{json(e.after)}</pre>
                  </div>
                </div>
              </details>
            </td>
          </tr>
        ))}
      </DataTable>
      {next && (
        <div>
          <button type="button" onClick={() => void load(next)}>
            {t('admin.audit.more')}
          </button>
        </div>
      )}
    </Section>
  );
}
