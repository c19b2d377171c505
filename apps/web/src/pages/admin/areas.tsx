import { FormEvent, useState } from 'react';
import type { AdminArea, Holiday, WeeklyWindow } from '@app/contract';
import { api } from '../../api';
import {
  EditForm,
  Feedback,
  NameInputs,
  NewButton,
  Section,
  nameOf,
  num,
  optNum,
  str,
  useAction,
} from '../../components/form';
import { DataTable } from '../../components/table';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { seoulDay } from '../../time';
import { holidayLine, hoursText, parseHolidays, WEEKDAYS } from './admin-parse';
import { patch } from './use-list';

const UPCOMING_SHOWN = 3;

/** The next few holidays from `from` (a Seoul day), one short line each. */
function UpcomingHolidays({ holidays, from }: { holidays: Holiday[]; from: string }) {
  const { t, name } = useI18n();
  const upcoming = holidays.filter((h) => h.date >= from).sort((a, b) => a.date.localeCompare(b.date));
  if (upcoming.length === 0) return <>—</>;
  return (
    <>
      {upcoming.slice(0, UPCOMING_SHOWN).map((h) => (
        <div key={h.date} data-date={h.date}>
          {h.date} {h.name ? name(h.name) : ''}{' '}
          <span className="muted">
            · {h.hours?.length ? h.hours.map((w) => `${w.opens}-${w.closes}`).join(', ') : t('admin.area.closedAllDay')}
          </span>
        </div>
      ))}
      {upcoming.length > UPCOMING_SHOWN && (
        <div className="muted">{t('admin.area.moreHolidays', { n: upcoming.length - UPCOMING_SHOWN })}</div>
      )}
    </>
  );
}

export function AreasSection({
  areas,
  isAdmin,
  reload,
}: {
  areas: AdminArea[];
  isAdmin: boolean;
  reload: () => Promise<void>;
}) {
  const { t, name } = useI18n();
  const act = useAction(reload);
  const [editing, setEditing] = useState<AdminArea | 'new' | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const serviceHours: WeeklyWindow[] = [];
    for (const d of WEEKDAYS) {
      for (const part of str(f.get(`hours${d}`)).split(',')) {
        const m = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(part);
        if (m) serviceHours.push({ weekday: d, opens: m[1], closes: m[2] });
      }
    }
    const parsed = parseHolidays(String(f.get('holidays') ?? ''));
    if (!parsed.ok) {
      act.setError(
        t('admin.area.holidayInvalid', {
          line: parsed.line,
          text: parsed.text,
          reason: t(`admin.area.holidayProblem.${parsed.problem}`),
        }),
      );
      return;
    }
    let boundary: unknown;
    try {
      boundary = JSON.parse(str(f.get('boundary')));
    } catch {
      act.setError(t('admin.area.boundaryInvalid'));
      return;
    }
    const settings = {
      maxWaitMin: num(f.get('maxWaitMin')),
      bookingHorizonDays: num(f.get('bookingHorizonDays')),
      rideTimeAlpha: optNum(f.get('rideTimeAlpha')),
      rideTimeBetaMin: optNum(f.get('rideTimeBetaMin')),
      noShowAfterMin: optNum(f.get('noShowAfterMin')),
      dwellS: optNum(f.get('dwellS')),
    };
    const body = { name: nameOf(f), boundary, serviceHours, holidays: parsed.holidays, settings };
    const ok = await act.run(() =>
      editing === 'new'
        ? api.post('/v1/admin/areas', { ...body, code: str(f.get('code')), kind: str(f.get('kind')) })
        : patch(`/v1/admin/areas/${(editing as AdminArea).id}`, body),
    );
    if (ok) setEditing(null);
  };
  const current = editing === 'new' ? null : editing;
  const today = seoulDay();
  /** A setting the area has, for an input; absent = empty, so saving keeps the default. */
  const setting = (key: string): number | undefined =>
    typeof current?.settings[key] === 'number' ? (current.settings[key] as number) : undefined;
  return (
    <Section title={t('admin.tab.areas')} id="areas">
      <Feedback error={act.error} notice={act.notice} />
      {isAdmin && !editing && (
        <NewButton label={t('admin.area.new')} testId="area-new" onClick={() => setEditing('new')} />
      )}
      {isAdmin && editing && (
        <EditForm
          key={current?.id ?? 'new'}
          label={current ? t('admin.area.edit') : t('admin.area.new')}
          testId="area-form"
          busy={act.busy}
          onSubmit={submit}
          onClose={() => setEditing(null)}
        >
          {!current && (
            <>
              <label>
                {t('admin.code')}
                <input name="code" required pattern="[a-z0-9][a-z0-9\-]{1,39}" />
              </label>
              <label>
                {t('admin.area.kind')}
                <select name="kind" defaultValue="shuttle">
                  <option value="shuttle">{t('admin.area.kind.shuttle')}</option>
                  <option value="luggage">{t('admin.area.kind.luggage')}</option>
                </select>
              </label>
            </>
          )}
          <NameInputs value={current?.name} />
          <fieldset>
            <legend>{t('admin.area.dispatch')}</legend>
            <label>
              {t('admin.area.maxWait')}
              <input
                name="maxWaitMin"
                type="number"
                min={1}
                max={120}
                step={1}
                defaultValue={Number(current?.settings.maxWaitMin ?? 20)}
              />
            </label>
            <label>
              {t('admin.area.horizon')}
              <input
                name="bookingHorizonDays"
                type="number"
                min={1}
                max={90}
                step={1}
                defaultValue={Number(current?.settings.bookingHorizonDays ?? 14)}
              />
            </label>
            <label>
              {t('admin.area.rideTimeAlpha')}
              <input
                name="rideTimeAlpha"
                type="number"
                min={1}
                max={5}
                step={0.05}
                placeholder={t('admin.area.default')}
                defaultValue={setting('rideTimeAlpha')}
              />
            </label>
            <label>
              {t('admin.area.rideTimeBeta')}
              <input
                name="rideTimeBetaMin"
                type="number"
                min={0}
                max={120}
                step={1}
                placeholder={t('admin.area.default')}
                defaultValue={setting('rideTimeBetaMin')}
              />
            </label>
            <label>
              {t('admin.area.noShowAfter')}
              <input
                name="noShowAfterMin"
                type="number"
                min={1}
                max={30}
                step={1}
                placeholder={t('admin.area.default')}
                defaultValue={setting('noShowAfterMin')}
              />
            </label>
            <label>
              {t('admin.area.dwell')}
              <input
                name="dwellS"
                type="number"
                min={0}
                max={600}
                step={1}
                placeholder={t('admin.area.default')}
                defaultValue={setting('dwellS')}
              />
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('admin.area.hours')}</legend>
            {WEEKDAYS.map((d) => (
              <label key={d}>
                {t(`admin.weekday.${d}` as MessageKey)}
                <input
                  name={`hours${d}`}
                  placeholder="07:00-10:00, 17:00-20:00"
                  defaultValue={current ? hoursText(current.serviceHours, d) : ''}
                />
              </label>
            ))}
          </fieldset>
          <label>
            {t('admin.area.holidays')}
            <textarea
              name="holidays"
              rows={6}
              aria-describedby="area-holidays-hint"
              placeholder={'2026-12-24 10:00-13:00 성탄 전야 / Christmas Eve\n2026-12-25 성탄절 / Christmas Day'}
              defaultValue={(current?.holidays ?? []).map(holidayLine).join('\n')}
            />
            <small id="area-holidays-hint" className="muted">
              {t('admin.area.holidaysHint')}
            </small>
          </label>
          <label>
            {t('admin.area.boundary')}
            <textarea
              name="boundary"
              rows={6}
              required
              defaultValue={current ? JSON.stringify(current.boundary) : ''}
            />
          </label>
        </EditForm>
      )}
      <DataTable
        testId="areas"
        columns={[
          t('admin.code'),
          t('admin.name'),
          t('admin.area.kind'),
          t('admin.area.maxWait'),
          t('admin.area.hours'),
          t('admin.area.upcomingHolidays'),
          isAdmin && t('admin.actions'),
        ]}
      >
        {areas.map((a) => (
          <tr key={a.id} data-area-id={a.id} data-area-code={a.code}>
            <td>{a.code}</td>
            <td>{name(a.name)}</td>
            <td>{t(`admin.area.kind.${a.kind}`)}</td>
            <td>{String(a.settings.maxWaitMin ?? '—')}</td>
            <td>
              {WEEKDAYS.filter((d) => hoursText(a.serviceHours, d)).map((d) => (
                <div key={d}>
                  {t(`admin.weekday.${d}` as MessageKey)} {hoursText(a.serviceHours, d)}
                </div>
              ))}
            </td>
            <td data-testid="area-holidays">
              <UpcomingHolidays holidays={a.holidays} from={today} />
            </td>
            {isAdmin && (
              <td className="actions">
                <button type="button" onClick={() => setEditing(a)} data-testid="area-edit">
                  {t('admin.edit')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </DataTable>
    </Section>
  );
}
