import { FormEvent, useState } from 'react';
import type { AdminArea, AdminShift, AdminStaff, AdminVehicle } from '@app/contract';
import { api } from '../../api';
import { DangerButton, EditForm, Feedback, NewButton, Section, str, useAction } from '../../components/form';
import { DataTable } from '../../components/table';
import { useI18n } from '../../i18n';
import { seoulDay } from '../../time';
import { DAY_MS, hm, parseBreaks, seoulAt } from './admin-parse';
import { patch, useList } from './use-list';

export function ShiftsSection({ area, isAdmin }: { area: AdminArea; isAdmin: boolean }) {
  const { t, time } = useI18n();
  const [day, setDay] = useState(seoulDay());
  const from = new Date(`${day}T00:00:00+09:00`).toISOString();
  const to = new Date(`${day}T24:00:00+09:00`).toISOString();
  const [shifts, reload, loadError] = useList<AdminShift>(
    `/v1/admin/shifts?areaId=${area.id}&includeClosed=true&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  );
  const [staff] = useList<AdminStaff>(`/v1/admin/staff?areaId=${area.id}`);
  const [vans] = useList<AdminVehicle>(`/v1/admin/vehicles?areaId=${area.id}`);
  const act = useAction(reload);
  const [editing, setEditing] = useState<AdminShift | 'new' | null>(null);
  const current = editing === 'new' ? null : editing;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    // Times are on the shift's own start day (the listed day for a new one); an end at or before
    // the start is the next morning, for night shifts.
    const base = current ? seoulDay(new Date(current.plannedStart)) : day;
    const start = seoulAt(base, str(f.get('start')));
    let end = seoulAt(base, str(f.get('end')));
    if (end <= start) end = new Date(end.getTime() + DAY_MS);
    const parsed = parseBreaks(String(f.get('breaks') ?? ''), base, start);
    if (!parsed.ok) {
      act.setError(t('admin.shift.breakInvalid', { part: parsed.part }));
      return;
    }
    const plan = {
      staffId: str(f.get('staffId')),
      vehicleId: str(f.get('vehicleId')),
      plannedStart: start.toISOString(),
      plannedEnd: end.toISOString(),
    };
    const ok = await act.run(() => {
      if (!current) return api.post('/v1/admin/shifts', { ...plan, breaks: parsed.breaks });
      // Only what the admin changed: the inputs hold whole minutes, so re-sending an untouched
      // start could move it by seconds, which a started shift refuses (SHIFT_ALREADY_STARTED).
      const changes = {
        ...(plan.staffId !== current.staffId ? { staffId: plan.staffId } : {}),
        ...(plan.vehicleId !== current.vehicleId ? { vehicleId: plan.vehicleId } : {}),
        ...(str(f.get('start')) !== hm(current.plannedStart) ? { plannedStart: plan.plannedStart } : {}),
        ...(str(f.get('end')) !== hm(current.plannedEnd) ? { plannedEnd: plan.plannedEnd } : {}),
      };
      return patch(`/v1/admin/shifts/${current.id}`, { ...changes, breaks: parsed.breaks });
    });
    if (ok) setEditing(null);
  };
  const staffName = (id: string) => staff.find((s) => s.id === id)?.displayName ?? id.slice(0, 8);
  const vanName = (id: string) => vans.find((v) => v.id === id)?.label ?? id.slice(0, 8);
  const breaksText = (s: AdminShift) => s.breaks.map((b) => `${hm(b.start)}-${hm(b.end)}`).join(', ');
  const shiftVars = (s: AdminShift) => ({
    name: staffName(s.staffId),
    van: vanName(s.vehicleId),
    start: time(s.plannedStart),
    end: time(s.plannedEnd),
  });
  return (
    <Section title={t('admin.tab.shifts')} id="shifts">
      <label>
        {t('admin.shift.day')}
        <input type="date" name="day" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
      </label>
      <Feedback error={act.error ?? loadError} notice={act.notice} />
      {isAdmin && !editing && <NewButton label={t('admin.shift.new')} onClick={() => setEditing('new')} />}
      {isAdmin && editing && (
        <EditForm
          key={current?.id ?? 'new'}
          label={current ? t('admin.shift.edit') : t('admin.shift.new')}
          testId="shift-form"
          busy={act.busy}
          onSubmit={submit}
          onClose={() => setEditing(null)}
        >
          <label>
            {t('admin.shift.staff')}
            <select name="staffId" required defaultValue={current?.staffId ?? ''}>
              <option value="">{t('form.choose')}</option>
              {current && !staff.some((s) => s.id === current.staffId) && (
                <option value={current.staffId}>{staffName(current.staffId)}</option>
              )}
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('admin.shift.van')}
            <select name="vehicleId" required defaultValue={current?.vehicleId ?? ''}>
              <option value="">{t('form.choose')}</option>
              {vans.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label} · {v.plate}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('admin.shift.start')}
            <input name="start" type="time" required defaultValue={current ? hm(current.plannedStart) : '07:00'} />
          </label>
          <label>
            {t('admin.shift.end')}
            <input name="end" type="time" required defaultValue={current ? hm(current.plannedEnd) : '15:00'} />
          </label>
          <label className="admin-wide">
            {t('admin.shift.breaks')}
            <input
              name="breaks"
              placeholder="12:00-12:30, 15:00-15:15"
              defaultValue={current ? breaksText(current) : ''}
              aria-describedby="shift-breaks-hint"
            />
            <small id="shift-breaks-hint" className="muted">
              {t('admin.shift.breaksHint')}
            </small>
          </label>
        </EditForm>
      )}
      <DataTable
        testId="shifts"
        columns={[
          t('admin.shift.staff'),
          t('admin.shift.van'),
          t('admin.shift.start'),
          t('admin.shift.end'),
          t('admin.shift.breaksColumn'),
          t('admin.status'),
          isAdmin && t('admin.actions'),
        ]}
      >
        {shifts.length === 0 && (
          <tr>
            <td colSpan={isAdmin ? 7 : 6} className="muted">
              {t('admin.empty')}
            </td>
          </tr>
        )}
        {shifts.map((s) => (
          <tr key={s.id} data-shift-id={s.id} data-status={s.status}>
            <td>{staffName(s.staffId)}</td>
            <td>{vanName(s.vehicleId)}</td>
            <td>{time(s.plannedStart)}</td>
            <td>{time(s.plannedEnd)}</td>
            <td data-testid="shift-breaks">
              {s.breaks.length === 0
                ? '—'
                : s.breaks.map((b) => (
                    <div key={b.start}>
                      {time(b.start)}–{time(b.end)}
                    </div>
                  ))}
            </td>
            <td>{t(`admin.shift.status.${s.status}`)}</td>
            {isAdmin && (
              <td className="actions">
                {(s.status === 'planned' || s.status === 'active') && (
                  <button type="button" onClick={() => setEditing(s)} data-testid="shift-edit">
                    {t('admin.edit')}
                  </button>
                )}
                {s.status === 'active' && (
                  <DangerButton
                    label={t('admin.shift.endNow')}
                    testId="shift-end"
                    onClick={() =>
                      act.ask(t('admin.confirm.shiftEnd', shiftVars(s)), () => api.post(`/v1/admin/shifts/${s.id}/end`))
                    }
                  />
                )}
                {s.status === 'planned' && (
                  <DangerButton
                    label={t('admin.shift.cancel')}
                    testId="shift-cancel"
                    onClick={() =>
                      act.ask(t('admin.confirm.shiftCancel', shiftVars(s)), () =>
                        api.post(`/v1/admin/shifts/${s.id}/cancel`),
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
