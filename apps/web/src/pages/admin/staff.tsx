import { FormEvent, useState } from 'react';
import type { AccountLink, AdminArea, AdminStaff, StaffInvited } from '@app/contract';
import { api } from '../../api';
import { DangerButton, EditForm, Feedback, NewButton, Section, str, useAction } from '../../components/form';
import { DataTable } from '../../components/table';
import { useI18n } from '../../i18n';
import { ShareLink } from '../../share';
import { useList } from './use-list';

function LinkNotice({ link, label }: { link: AccountLink | null; label: string }) {
  const { t, dateTime } = useI18n();
  if (!link) return null;
  return (
    <div className="preview" data-testid="account-link">
      <p>{label}</p>
      <label>
        {t('admin.staff.link')}
        <input readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <ShareLink url={link.url} title={label} />
      <p className="muted">{t('admin.staff.linkExpires', { at: dateTime(link.expiresAt) })}</p>
    </div>
  );
}

export function StaffSection({ area, isAdmin }: { area: AdminArea; isAdmin: boolean }) {
  const { t } = useI18n();
  const [staff, reload, loadError] = useList<AdminStaff>(`/v1/admin/staff?areaId=${area.id}&includeInactive=true`);
  const act = useAction(reload);
  const [inviting, setInviting] = useState(false);
  const [link, setLink] = useState<{ link: AccountLink; label: string } | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = {
      email: str(f.get('email')),
      displayName: str(f.get('displayName')),
      kind: str(f.get('kind')),
      phone: str(f.get('phone')),
      language: str(f.get('language')),
      areaIds: [area.id],
    };
    const ok = await act.run(async () => {
      const r = await api.post<StaffInvited>('/v1/admin/staff', body);
      setLink({ link: r.invite, label: t('admin.staff.invited', { name: body.displayName }) });
    });
    if (ok) setInviting(false);
  };
  const reset = (s: AdminStaff) =>
    void act.run(async () => {
      const r = await api.post<AccountLink>(`/v1/admin/staff/${s.id}/reset-credentials`);
      setLink({ link: r, label: t('admin.staff.resetIssued', { name: s.displayName }) });
    });
  return (
    <Section title={t('admin.tab.staff')} id="staff">
      <Feedback error={act.error ?? loadError} notice={act.notice} />
      {link && <LinkNotice link={link.link} label={link.label} />}
      {isAdmin && !inviting && <NewButton label={t('admin.staff.invite')} onClick={() => setInviting(true)} />}
      {isAdmin && inviting && (
        <EditForm
          label={t('admin.staff.invite')}
          busy={act.busy}
          onSubmit={submit}
          onClose={() => setInviting(false)}
          submitLabel={t('admin.staff.sendInvite')}
        >
          <label>
            {t('auth.email')}
            <input name="email" type="email" required />
          </label>
          <label>
            {t('admin.staff.name')}
            <input name="displayName" required />
          </label>
          <label>
            {t('admin.staff.kind')}
            <select name="kind" defaultValue={area.kind === 'luggage' ? 'courier' : 'driver'}>
              <option value="driver">{t('admin.staff.kind.driver')}</option>
              <option value="courier">{t('admin.staff.kind.courier')}</option>
            </select>
          </label>
          <label>
            {t('admin.staff.phone')}
            <input name="phone" type="tel" required placeholder="010-1234-5678" />
          </label>
          <label>
            {t('admin.staff.language')}
            <select name="language" defaultValue="ko">
              <option value="ko">한국어</option>
              <option value="en">English</option>
            </select>
          </label>
        </EditForm>
      )}
      <DataTable
        testId="staff"
        columns={[
          t('admin.staff.name'),
          t('auth.email'),
          t('admin.staff.kind'),
          t('admin.staff.phone'),
          t('admin.status'),
          isAdmin && t('admin.actions'),
        ]}
      >
        {staff.map((s) => (
          <tr key={s.id} data-staff-id={s.id}>
            <td>{s.displayName}</td>
            <td>{s.email ?? '—'}</td>
            <td>{t(`admin.staff.kind.${s.kind}`)}</td>
            <td>{s.phone}</td>
            <td>
              {s.active ? t('admin.active') : t('admin.inactive')}
              {!s.hasCredentials && ` · ${t('admin.staff.pendingInvite')}`}
            </td>
            {isAdmin && (
              <td className="actions">
                {s.active ? (
                  <DangerButton
                    label={t('admin.deactivate')}
                    testId="staff-deactivate"
                    onClick={() =>
                      act.ask(t('admin.confirm.staffDeactivate', { name: s.displayName }), () =>
                        api.post(`/v1/admin/staff/${s.id}/deactivate`),
                      )
                    }
                  />
                ) : (
                  <button
                    type="button"
                    onClick={() => void act.run(() => api.post(`/v1/admin/staff/${s.id}/reactivate`))}
                  >
                    {t('admin.reactivate')}
                  </button>
                )}
                <button type="button" onClick={() => reset(s)}>
                  {t('admin.staff.reset')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </DataTable>
    </Section>
  );
}
