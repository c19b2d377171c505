import { FormEvent, useState } from 'react';
import type { AdminArea, AdminCompany } from '@app/contract';
import { api } from '../../api';
import {
  DangerButton,
  EditForm,
  Feedback,
  NameInputs,
  NewButton,
  Section,
  nameOf,
  str,
  useAction,
} from '../../components/form';
import { DataTable } from '../../components/table';
import { useI18n } from '../../i18n';
import { useList } from './use-list';

export function CompaniesSection({ area, isAdmin }: { area: AdminArea; isAdmin: boolean }) {
  const { t, name } = useI18n();
  const [companies, reload, loadError] = useList<AdminCompany>(`/v1/admin/companies?areaId=${area.id}`);
  const act = useAction(reload);
  const [creating, setCreating] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const ok = await act.run(() =>
      api.post('/v1/admin/companies', { areaId: area.id, name: nameOf(f), employerCode: str(f.get('employerCode')) }),
    );
    if (ok) setCreating(false);
  };
  return (
    <Section title={t('admin.tab.companies')} id="companies">
      <Feedback error={act.error ?? loadError} notice={act.notice} />
      {isAdmin && !creating && <NewButton label={t('admin.company.new')} onClick={() => setCreating(true)} />}
      {isAdmin && creating && (
        <EditForm label={t('admin.company.new')} busy={act.busy} onSubmit={submit} onClose={() => setCreating(false)}>
          <NameInputs />
          <label>
            {t('admin.company.code')}
            <input name="employerCode" required />
          </label>
        </EditForm>
      )}
      <DataTable
        testId="companies"
        columns={[t('admin.name'), t('admin.company.code'), t('admin.status'), isAdmin && t('admin.actions')]}
      >
        {companies.map((c) => (
          <tr key={c.id} data-company-code={c.employerCode}>
            <td>{name(c.name)}</td>
            <td>{c.employerCode}</td>
            <td>{c.suspendedAt ? t('admin.suspended') : t('admin.active')}</td>
            {isAdmin && (
              <td className="actions">
                {c.suspendedAt ? (
                  <button
                    type="button"
                    onClick={() => void act.run(() => api.post(`/v1/admin/companies/${c.id}/reinstate`))}
                  >
                    {t('admin.reinstate')}
                  </button>
                ) : (
                  <DangerButton
                    label={t('admin.suspend')}
                    testId="company-suspend"
                    onClick={() =>
                      act.ask(t('admin.confirm.companySuspend', { company: name(c.name), code: c.employerCode }), () =>
                        api.post(`/v1/admin/companies/${c.id}/suspend`, {}),
                      )
                    }
                  />
                )}
              </td>
            )}
          </tr>
        ))}
      </DataTable>
    </Section>
  );
}
