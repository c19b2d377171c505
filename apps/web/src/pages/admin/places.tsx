import { FormEvent, useState } from 'react';
import type { AdminArea, AdminPlace } from '@app/contract';
import { api, request } from '../../api';
import {
  DangerButton,
  EditForm,
  Feedback,
  NameInputs,
  NewButton,
  Section,
  nameOf,
  num,
  str,
  useAction,
} from '../../components/form';
import { DataTable } from '../../components/table';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { PositionPicker } from './position-picker';
import { patch, useList } from './use-list';

const PLACE_KINDS = [
  'factory',
  'park_gate',
  'bus_terminus',
  'subway_station',
  'bank',
  'office',
  'hotel',
  'airport',
  'depot',
  'home',
];

export function PlacesSection({ area, isAdmin }: { area: AdminArea; isAdmin: boolean }) {
  const { t, name } = useI18n();
  const [places, reload, loadError] = useList<AdminPlace>(`/v1/admin/places?areaId=${area.id}&includeRetired=true`);
  const act = useAction(reload);
  const [editing, setEditing] = useState<AdminPlace | 'new' | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = {
      name: nameOf(f),
      kind: str(f.get('kind')),
      lat: num(f.get('lat')),
      lng: num(f.get('lng')),
      isStop: f.get('isStop') === 'on',
    };
    const ok = await act.run(() =>
      editing === 'new'
        ? api.post('/v1/admin/places', { ...body, areaId: area.id, code: str(f.get('code')) })
        : patch(`/v1/admin/places/${(editing as AdminPlace).id}`, body),
    );
    if (ok) setEditing(null);
  };
  const current = editing === 'new' ? null : editing;
  return (
    <Section title={t('admin.tab.places')} id="places">
      <Feedback error={act.error ?? loadError} notice={act.notice} />
      {isAdmin && !editing && (
        <NewButton label={t('admin.place.new')} testId="place-new" onClick={() => setEditing('new')} />
      )}
      {isAdmin && editing && (
        <EditForm
          label={current ? t('admin.place.edit') : t('admin.place.new')}
          testId="place-form"
          busy={act.busy}
          onSubmit={submit}
          onClose={() => setEditing(null)}
        >
          {!current && (
            <label>
              {t('admin.code')}
              <input name="code" required pattern="[a-z0-9][a-z0-9\-]{1,59}" />
            </label>
          )}
          <NameInputs value={current?.name} />
          <label>
            {t('admin.place.kind')}
            <select name="kind" defaultValue={current?.kind ?? 'park_gate'}>
              {PLACE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`admin.placeKind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <PositionPicker
            key={current?.id ?? 'new'}
            initial={current ? { lat: current.lat, lng: current.lng } : null}
          />
          <label className="check">
            <input name="isStop" type="checkbox" defaultChecked={current?.isStop ?? true} />
            {t('admin.place.isStop')}
          </label>
        </EditForm>
      )}
      <DataTable
        testId="places"
        columns={[
          t('admin.code'),
          t('admin.name'),
          t('admin.place.kind'),
          t('admin.place.position'),
          t('admin.status'),
          isAdmin && t('admin.actions'),
        ]}
      >
        {places.map((p) => (
          <tr key={p.id} data-place-code={p.code}>
            <td>{p.code}</td>
            <td>{name(p.name)}</td>
            <td>
              {t(`admin.placeKind.${p.kind}` as MessageKey)}
              {p.isStop ? ` · ${t('admin.place.isStop')}` : ''}
            </td>
            <td>
              {p.lat.toFixed(5)}, {p.lng.toFixed(5)}
            </td>
            <td>{p.retiredAt ? t('admin.retired') : t('admin.active')}</td>
            {isAdmin && (
              <td className="actions">
                <button type="button" onClick={() => setEditing(p)}>
                  {t('admin.edit')}
                </button>
                {p.retiredAt ? (
                  <button
                    type="button"
                    onClick={() => void act.run(() => api.post(`/v1/admin/places/${p.id}/reinstate`))}
                  >
                    {t('admin.reinstate')}
                  </button>
                ) : (
                  <DangerButton
                    label={t('admin.retire')}
                    testId="place-retire"
                    onClick={() =>
                      act.ask(t('admin.confirm.placeRetire', { place: name(p.name), code: p.code }), () =>
                        api.post(`/v1/admin/places/${p.id}/retire`),
                      )
                    }
                  />
                )}
                <DangerButton
                  label={t('admin.delete')}
                  testId="place-delete"
                  onClick={() =>
                    act.ask(
                      t('admin.confirm.placeDelete', { place: name(p.name), code: p.code }),
                      () => request('DELETE', `/v1/admin/places/${p.id}`),
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
