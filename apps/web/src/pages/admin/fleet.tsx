import { FormEvent, useState } from 'react';
import type { AdminArea, AdminPlace, AdminVehicle } from '@app/contract';
import { api, request } from '../../api';
import { DangerButton, EditForm, Feedback, NewButton, Section, num, str, useAction } from '../../components/form';
import { DataTable } from '../../components/table';
import { useI18n } from '../../i18n';
import { patch, useList } from './use-list';

export function FleetSection({ area, isAdmin }: { area: AdminArea; isAdmin: boolean }) {
  const { t } = useI18n();
  const { name } = useI18n();
  const [vans, reload, loadError] = useList<AdminVehicle>(`/v1/admin/vehicles?areaId=${area.id}`);
  const [places] = useList<AdminPlace>(`/v1/admin/places?areaId=${area.id}`);
  // A luggage van's day starts and ends at its depot: the API refuses one without (VEHICLE_HOME_REQUIRED).
  const homeRequired = area.kind === 'luggage';
  const act = useAction(reload);
  const [editing, setEditing] = useState<AdminVehicle | 'new' | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const home = str(f.get('homePlaceId'));
    const body = {
      plate: str(f.get('plate')),
      label: str(f.get('label')),
      seats: num(f.get('seats')),
      bagSlots: num(f.get('bagSlots')),
      wheelchairAccessible: f.get('wheelchair') === 'on',
      homePlaceId: home || null,
    };
    const ok = await act.run(() =>
      editing === 'new'
        ? api.post('/v1/admin/vehicles', { ...body, areaId: area.id })
        : patch(`/v1/admin/vehicles/${(editing as AdminVehicle).id}`, body),
    );
    if (ok) setEditing(null);
  };
  const current = editing === 'new' ? null : editing;
  return (
    <Section title={t('admin.tab.fleet')} id="fleet">
      <Feedback error={act.error ?? loadError} notice={act.notice} />
      {isAdmin && !editing && (
        <NewButton label={t('admin.van.new')} testId="van-new" onClick={() => setEditing('new')} />
      )}
      {isAdmin && editing && (
        <EditForm
          label={current ? t('admin.van.edit') : t('admin.van.new')}
          testId="van-form"
          busy={act.busy}
          onSubmit={submit}
          onClose={() => setEditing(null)}
        >
          <label>
            {t('admin.van.plate')}
            <input name="plate" required defaultValue={current?.plate} />
          </label>
          <label>
            {t('admin.van.label')}
            <input name="label" required defaultValue={current?.label} />
          </label>
          <label>
            {t('admin.van.seats')}
            <input name="seats" type="number" required defaultValue={current?.seats ?? 11} />
          </label>
          <label>
            {t('admin.van.bagSlots')}
            <input name="bagSlots" type="number" required defaultValue={current?.bagSlots ?? 0} />
          </label>
          <label>
            {t('admin.van.home')}
            {/* Mounted again once the places arrive, so an edited van's depot is selected (not cleared). */}
            <select
              key={places.length}
              name="homePlaceId"
              required={homeRequired}
              defaultValue={current?.homePlaceId ?? ''}
            >
              <option value="">{homeRequired ? t('form.choose') : t('admin.van.noHome')}</option>
              {places
                .filter((p) => !p.retiredAt || p.id === current?.homePlaceId)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {name(p.name)}
                  </option>
                ))}
            </select>
          </label>
          <label className="check">
            <input name="wheelchair" type="checkbox" defaultChecked={current?.wheelchairAccessible ?? false} />
            {t('admin.van.wheelchair')}
          </label>
        </EditForm>
      )}
      <DataTable
        testId="vans"
        columns={[
          t('admin.van.label'),
          t('admin.van.plate'),
          t('admin.van.seats'),
          t('admin.van.bagSlots'),
          t('admin.van.wheelchair'),
          t('admin.status'),
          isAdmin && t('admin.actions'),
        ]}
      >
        {vans.map((v) => (
          <tr key={v.id} data-plate={v.plate} data-in-service={v.inService}>
            <td>{v.label}</td>
            <td>{v.plate}</td>
            <td>{v.seats}</td>
            <td>{v.bagSlots}</td>
            <td>{v.wheelchairAccessible ? t('admin.yes') : t('admin.no')}</td>
            <td>{v.inService ? t('admin.van.inService') : t('admin.van.outOfService')}</td>
            {isAdmin && (
              <td className="actions">
                <button type="button" onClick={() => setEditing(v)}>
                  {t('admin.edit')}
                </button>
                {v.inService ? (
                  <DangerButton
                    label={t('admin.van.takeOut')}
                    testId="van-out"
                    onClick={() =>
                      act.ask(t('admin.confirm.vanOut', { van: v.label, plate: v.plate }), () =>
                        api.post(`/v1/admin/vehicles/${v.id}/out-of-service`, {}),
                      )
                    }
                  />
                ) : (
                  <button
                    type="button"
                    data-testid="van-in"
                    onClick={() => void act.run(() => api.post(`/v1/admin/vehicles/${v.id}/in-service`))}
                  >
                    {t('admin.van.putBack')}
                  </button>
                )}
                <DangerButton
                  label={t('admin.delete')}
                  testId="van-delete"
                  onClick={() =>
                    act.ask(
                      t('admin.confirm.vanDelete', { van: v.label, plate: v.plate }),
                      () => request('DELETE', `/v1/admin/vehicles/${v.id}`),
                      t('admin.deleted'),
                    )
                  }
                />
              </td>
            )}
          </tr>
        ))}
      </DataTable>
    </Section>
  );
}
