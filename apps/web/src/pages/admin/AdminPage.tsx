import L from 'leaflet';
import { FormEvent, ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { api, Me, request } from '../../api';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { baseMap } from '../../map';
import { SignedInPage, errorText } from '../../shell';
import { ShareLink } from '../../share';
import { seoulDay } from '../../time';

/** Admin screens: admins change, dispatchers see (the change controls are not shown to them). */

type Name = { ko: string; en: string };
interface Window {
  weekday: number;
  opens: string;
  closes: string;
}
interface DayWindow {
  opens: string;
  closes: string;
}
/** A holiday or special day: no hours = closed all day. */
interface Holiday {
  date: string;
  name?: Name;
  hours?: DayWindow[];
}
interface AdminArea {
  id: string;
  code: string;
  name: Name;
  kind: 'shuttle' | 'luggage';
  boundary: unknown;
  serviceHours: Window[];
  holidays: Holiday[];
  settings: Record<string, unknown>;
}
interface AdminPlace {
  id: string;
  code: string;
  areaId: string;
  name: Name;
  kind: string;
  lat: number;
  lng: number;
  isStop: boolean;
  retiredAt: string | null;
}
interface AdminVehicle {
  id: string;
  areaId: string;
  plate: string;
  label: string;
  seats: number;
  bagSlots: number;
  wheelchairAccessible: boolean;
  homePlaceId: string | null;
  inService: boolean;
}
interface AdminStaff {
  id: string;
  userId: string;
  email: string | null;
  displayName: string;
  kind: 'driver' | 'courier';
  phone: string;
  areaIds: string[];
  active: boolean;
  hasCredentials: boolean;
}
interface AccountLink {
  url: string;
  expiresAt: string;
}
interface AdminShift {
  id: string;
  staffId: string;
  vehicleId: string;
  plannedStart: string;
  plannedEnd: string;
  breaks: Break[];
  status: 'planned' | 'active' | 'ended' | 'cancelled';
}
interface Break {
  start: string;
  end: string;
}
interface AdminCompany {
  id: string;
  name: Name;
  employerCode: string;
  suspendedAt: string | null;
}
interface PriceRules {
  baseKrw: number;
  perBagKrw: { carry_on: number; suitcase: number; oversize: number };
  zones: Array<{ code: string; maxKm: number | null; surchargeKrw: number }>;
  cancellationFeeKrw: number;
}
interface PriceRulesVersion {
  version: number;
  rules: PriceRules;
  createdBy: string | null;
  createdAt: string;
}
interface AuditEntry {
  id: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

const TABS = ['areas', 'places', 'fleet', 'staff', 'shifts', 'companies', 'prices', 'audit'] as const;
type Tab = (typeof TABS)[number];
const PLACE_KINDS = ['factory', 'park_gate', 'bus_terminus', 'subway_station', 'bank', 'office', 'hotel', 'airport', 'depot', 'home'];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

const patch = <T,>(path: string, body: unknown) => request<T>('PATCH', path, { body });
const num = (v: FormDataEntryValue | null): number => Number(String(v ?? '').trim());
const str = (v: FormDataEntryValue | null): string => String(v ?? '').trim();
/** An optional number field: empty leaves the setting as it is (the server's default when never set). */
const optNum = (v: FormDataEntryValue | null): number | undefined => (str(v) === '' ? undefined : num(v));

// ---------------------------------------------------------------- times and text formats

/** The service runs in Asia/Seoul, which keeps +09:00 all year (no daylight saving). */
const SEOUL_OFFSET = '+09:00';
const DAY_MS = 24 * 3600_000;
const seoulAt = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00${SEOUL_OFFSET}`);
const seoulHm = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Seoul' });
/** "HH:MM" in Seoul, the form the inputs take (independent of the page's language). */
const hm = (iso: string): string => seoulHm.format(new Date(iso));

/** "9:05" → "09:05"; null unless a time of day 00:00-23:59. */
function hhmm(text: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/** "12:00-12:30" (or with – or ~) → its two times; null when either is not a time of day. */
function timeRange(text: string): [string, string] | null {
  const m = /^([^-–~]+)[-–~]([^-–~]+)$/.exec(text.trim());
  const from = m && hhmm(m[1]);
  const to = m && hhmm(m[2]);
  return from && to ? [from, to] : null;
}

const isCalendarDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

type HolidayProblem = 'date' | 'hours' | 'overlap' | 'duplicate' | 'name';
type HolidayParse = { ok: true; holidays: Holiday[] } | { ok: false; line: number; text: string; problem: HolidayProblem };

/** One holiday as one line of the area form: date, own hours if any, "ko / en" name if any. */
function holidayLine(h: Holiday): string {
  const hours = (h.hours ?? []).map((w) => `${w.opens}-${w.closes}`).join(', ');
  const label = h.name ? (h.name.ko === h.name.en ? h.name.ko : `${h.name.ko} / ${h.name.en}`) : '';
  return [h.date, hours, label].filter(Boolean).join(' ');
}

const HOLIDAY_HOURS = /^(\d{1,2}:\d{2}\s*[-–~]\s*\d{1,2}:\d{2}(?:\s*,\s*\d{1,2}:\d{2}\s*[-–~]\s*\d{1,2}:\d{2})*)(?=\s|$)/;

/**
 * Reads the holiday lines: `2026-12-25 성탄절 / Christmas Day` (closed all day) or
 * `2026-12-24 10:00-13:00, 15:00-17:00 성탄 전야 / Christmas Eve` (those hours only). The first
 * line that does not read stops everything, so a typo never sends a shortened list.
 */
function parseHolidays(text: string): HolidayParse {
  const holidays: Holiday[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const fail = (problem: HolidayProblem): HolidayParse => ({ ok: false, line: i + 1, text: line, problem });
    const [date] = line.split(/\s/, 1);
    if (!isCalendarDate(date)) return fail('date');
    if (holidays.some((h) => h.date === date)) return fail('duplicate');
    let rest = line.slice(date.length).trim();
    const hours: DayWindow[] = [];
    const span = HOLIDAY_HOURS.exec(rest);
    if (span) {
      for (const part of span[1].split(',')) {
        const range = timeRange(part);
        if (!range || range[0] >= range[1]) return fail('hours');
        hours.push({ opens: range[0], closes: range[1] });
      }
      hours.sort((a, b) => a.opens.localeCompare(b.opens));
      if (hours.some((w, k) => k > 0 && w.opens < hours[k - 1].closes)) return fail('overlap');
      rest = rest.slice(span[1].length).trim();
    } else if (/^\d{1,2}:\d{2}/.test(rest)) {
      return fail('hours');
    }
    let name: Name | undefined;
    if (rest) {
      const slash = rest.indexOf('/');
      const ko = (slash < 0 ? rest : rest.slice(0, slash)).trim();
      const en = (slash < 0 ? rest : rest.slice(slash + 1)).trim();
      name = { ko: ko || en, en: en || ko };
      if (!name.ko || name.ko.length > 120 || name.en.length > 120) return fail('name');
    }
    holidays.push({ date, ...(name ? { name } : {}), hours });
  }
  return { ok: true, holidays: holidays.sort((a, b) => a.date.localeCompare(b.date)) };
}

/**
 * Reads breaks `12:00-12:30, 15:00-15:15` as Seoul times on the shift's start day; a time before
 * the shift's start (or a break's end before its start) is on the next day, for night shifts.
 * Returns the part that does not read instead; the server checks that they lie inside the shift.
 */
function parseBreaks(text: string, day: string, shiftStart: Date): { ok: true; breaks: Break[] } | { ok: false; part: string } {
  const breaks: Break[] = [];
  for (const part of text.split(/[,\n]/).map((p) => p.trim())) {
    if (!part) continue;
    const range = timeRange(part);
    if (!range) return { ok: false, part };
    let start = seoulAt(day, range[0]);
    if (start < shiftStart) start = new Date(start.getTime() + DAY_MS);
    let end = seoulAt(day, range[1]);
    if (end <= start) end = new Date(end.getTime() + DAY_MS);
    breaks.push({ start: start.toISOString(), end: end.toISOString() });
  }
  return { ok: true, breaks };
}

/** Destructive actions ask first; the message names the thing and says what follows. */
const confirmed = (message: string): boolean => window.confirm(message);

export function AdminPage() {
  const { t } = useI18n();
  return (
    <SignedInPage title={t('admin.title')} roles={['dispatcher', 'admin']} variant="desktop">
      {(me) => <Admin me={me} />}
    </SignedInPage>
  );
}

/** Runs one change and reports it: API errors by code and message, in the user's language. */
function useAction(reload: () => Promise<void>) {
  const { t, time } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>, done?: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await fn();
      setNotice(done ?? t('admin.saved'));
      await reload();
      return true;
    } catch (err) {
      setError(errorText({ t, time }, err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  /** A destructive change: runs only when the admin says yes to `message`; no changes nothing. */
  const ask = (message: string, fn: () => Promise<unknown>, done?: string): void => {
    if (confirmed(message)) void run(fn, done);
  };
  return { error, notice, busy, run, ask, setError };
}

function Feedback({ error, notice }: { error: string | null; notice: string | null }) {
  return (
    <>
      {error && (
        <p className="error" role="alert" data-testid="admin-error">
          {error}
        </p>
      )}
      <p role="status" className="muted" data-testid="admin-notice">
        {notice ?? ''}
      </p>
    </>
  );
}

/** The save / close pair under every admin form. */
function FormActions({ busy, onClose, submitLabel }: { busy: boolean; onClose: () => void; submitLabel?: string }) {
  const { t } = useI18n();
  return (
    <div className="row">
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel ?? t('admin.save')}
      </button>
      <button type="button" onClick={onClose}>
        {t('form.close')}
      </button>
    </div>
  );
}

/** A table that scrolls sideways on a phone, reachable by keyboard. */
function TableRegion({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('admin.table')}>
      {children}
    </div>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid={`section-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function Admin({ me }: { me: Me }) {
  const { t, name, time } = useI18n();
  const isAdmin = me.role === 'admin';
  const tabs = TABS.filter((x) => x !== 'audit' || isAdmin);
  const [tab, setTab] = useState<Tab>('areas');
  const [areas, setAreas] = useState<AdminArea[]>([]);
  const [areaId, setAreaId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const loadAreas = useCallback(async () => {
    try {
      const list = await api.get<AdminArea[]>('/v1/admin/areas');
      setAreas(list);
      setAreaId((cur) => (cur && list.some((a) => a.id === cur) ? cur : (list.find((a) => a.code === 'geomdan') ?? list[0])?.id ?? ''));
    } catch (err) {
      setError(errorText({ t, time }, err));
    }
  }, [t]);
  useEffect(() => {
    void loadAreas();
  }, [loadAreas]);
  const area = areas.find((a) => a.id === areaId);
  return (
    <div className="stack admin" data-testid="admin" data-role={me.role}>
      <p className="muted">{isAdmin ? t('admin.roleAdmin') : t('admin.roleDispatcher')}</p>
      <nav aria-label={t('admin.sections')}>
        <ul className="admin-tabs">
          {tabs.map((x) => (
            <li key={x}>
              <button type="button" aria-pressed={tab === x} data-tab={x} onClick={() => setTab(x)}>
                {t(`admin.tab.${x}` as MessageKey)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {tab !== 'areas' && tab !== 'audit' && (
        <label className="admin-area">
          {t('admin.area')}
          <select name="adminArea" value={areaId} onChange={(e) => setAreaId(e.target.value)}>
            {areas.map((a) => (
              <option key={a.id} value={a.id} data-code={a.code}>
                {name(a.name)}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {tab === 'areas' && <AreasSection areas={areas} isAdmin={isAdmin} reload={loadAreas} />}
      {tab === 'places' && area && <PlacesSection key={area.id} area={area} isAdmin={isAdmin} />}
      {tab === 'fleet' && area && <FleetSection key={area.id} area={area} isAdmin={isAdmin} />}
      {tab === 'staff' && area && <StaffSection key={area.id} area={area} isAdmin={isAdmin} />}
      {tab === 'shifts' && area && <ShiftsSection key={area.id} area={area} isAdmin={isAdmin} />}
      {tab === 'companies' && area && <CompaniesSection key={area.id} area={area} isAdmin={isAdmin} />}
      {tab === 'prices' && area && <PricesSection key={area.id} area={area} isAdmin={isAdmin} />}
      {tab === 'audit' && isAdmin && <AuditSection me={me} />}
    </div>
  );
}

function useList<T>(path: string): [T[], () => Promise<void>, string | null] {
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

function NameInputs({ value }: { value?: Name }) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('admin.nameKo')}
        <input name="nameKo" required defaultValue={value?.ko} lang="ko" />
      </label>
      <label>
        {t('admin.nameEn')}
        <input name="nameEn" required defaultValue={value?.en} lang="en" />
      </label>
    </>
  );
}

// ---------------------------------------------------------------- areas

function hoursText(hours: Window[], day: number): string {
  return hours
    .filter((h) => h.weekday === day)
    .map((h) => `${h.opens}-${h.closes}`)
    .join(', ');
}

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
          {h.date} {h.name ? name(h.name) : ''} <span className="muted">· {h.hours?.length ? h.hours.map((w) => `${w.opens}-${w.closes}`).join(', ') : t('admin.area.closedAllDay')}</span>
        </div>
      ))}
      {upcoming.length > UPCOMING_SHOWN && <div className="muted">{t('admin.area.moreHolidays', { n: upcoming.length - UPCOMING_SHOWN })}</div>}
    </>
  );
}

function AreasSection({ areas, isAdmin, reload }: { areas: AdminArea[]; isAdmin: boolean; reload: () => Promise<void> }) {
  const { t, name } = useI18n();
  const act = useAction(reload);
  const [editing, setEditing] = useState<AdminArea | 'new' | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const serviceHours: Window[] = [];
    for (const d of WEEKDAYS) {
      for (const part of str(f.get(`hours${d}`)).split(',')) {
        const m = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(part);
        if (m) serviceHours.push({ weekday: d, opens: m[1], closes: m[2] });
      }
    }
    const parsed = parseHolidays(String(f.get('holidays') ?? ''));
    if (!parsed.ok) {
      act.setError(t('admin.area.holidayInvalid', { line: parsed.line, text: parsed.text, reason: t(`admin.area.holidayProblem.${parsed.problem}`) }));
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
    const body = { name: { ko: str(f.get('nameKo')), en: str(f.get('nameEn')) }, boundary, serviceHours, holidays: parsed.holidays, settings };
    const ok = await act.run(() =>
      editing === 'new' ? api.post('/v1/admin/areas', { ...body, code: str(f.get('code')), kind: str(f.get('kind')) }) : patch(`/v1/admin/areas/${(editing as AdminArea).id}`, body),
    );
    if (ok) setEditing(null);
  };
  const current = editing === 'new' ? null : editing;
  const today = seoulDay();
  /** A setting the area has, for an input; absent = empty, so saving keeps the default. */
  const setting = (key: string): number | undefined => (typeof current?.settings[key] === 'number' ? (current.settings[key] as number) : undefined);
  return (
    <Section title={t('admin.tab.areas')} id="areas">
      <Feedback error={act.error} notice={act.notice} />
      {isAdmin && !editing && (
        <div>
          <button type="button" onClick={() => setEditing('new')} data-testid="area-new">
            {t('admin.area.new')}
          </button>
        </div>
      )}
      {isAdmin && editing && (
        <form
          key={current?.id ?? 'new'}
          className="form admin-form"
          onSubmit={(e) => void submit(e)}
          aria-label={current ? t('admin.area.edit') : t('admin.area.new')}
          data-testid="area-form"
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
              <input name="maxWaitMin" type="number" min={1} max={120} step={1} defaultValue={Number(current?.settings.maxWaitMin ?? 20)} />
            </label>
            <label>
              {t('admin.area.horizon')}
              <input name="bookingHorizonDays" type="number" min={1} max={90} step={1} defaultValue={Number(current?.settings.bookingHorizonDays ?? 14)} />
            </label>
            <label>
              {t('admin.area.rideTimeAlpha')}
              <input name="rideTimeAlpha" type="number" min={1} max={5} step={0.05} placeholder={t('admin.area.default')} defaultValue={setting('rideTimeAlpha')} />
            </label>
            <label>
              {t('admin.area.rideTimeBeta')}
              <input name="rideTimeBetaMin" type="number" min={0} max={120} step={1} placeholder={t('admin.area.default')} defaultValue={setting('rideTimeBetaMin')} />
            </label>
            <label>
              {t('admin.area.noShowAfter')}
              <input name="noShowAfterMin" type="number" min={1} max={30} step={1} placeholder={t('admin.area.default')} defaultValue={setting('noShowAfterMin')} />
            </label>
            <label>
              {t('admin.area.dwell')}
              <input name="dwellS" type="number" min={0} max={600} step={1} placeholder={t('admin.area.default')} defaultValue={setting('dwellS')} />
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('admin.area.hours')}</legend>
            {WEEKDAYS.map((d) => (
              <label key={d}>
                {t(`admin.weekday.${d}` as MessageKey)}
                <input name={`hours${d}`} placeholder="07:00-10:00, 17:00-20:00" defaultValue={current ? hoursText(current.serviceHours, d) : ''} />
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
            <textarea name="boundary" rows={6} required defaultValue={current ? JSON.stringify(current.boundary) : ''} />
          </label>
          <FormActions busy={act.busy} onClose={() => setEditing(null)} />
        </form>
      )}
      <TableRegion>
        <table className="table" data-testid="areas">
          <thead>
            <tr>
              <th scope="col">{t('admin.code')}</th>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('admin.area.kind')}</th>
              <th scope="col">{t('admin.area.maxWait')}</th>
              <th scope="col">{t('admin.area.hours')}</th>
              <th scope="col">{t('admin.area.upcomingHolidays')}</th>
              {isAdmin && <th scope="col">{t('admin.actions')}</th>}
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </TableRegion>
    </Section>
  );
}

// ---------------------------------------------------------------- places

/**
 * A place's position: tap the map or drag the pin (the numbers follow), or type the numbers (the
 * pin follows). Geomdan's park is the starting view of a new place.
 */
function PositionPicker({ initial }: { initial: { lat: number; lng: number } | null }) {
  const { t } = useI18n();
  const [pos, setPos] = useState<{ lat: string; lng: string }>(() => ({ lat: initial ? String(initial.lat) : '', lng: initial ? String(initial.lng) : '' }));
  const host = useRef<HTMLDivElement>(null);
  const marker = useRef<L.Marker | null>(null);
  const map = useRef<L.Map | null>(null);
  // The map is made once per form (the form is keyed by the place): later renders do not move it.
  const start = useRef(initial);
  useEffect(() => {
    const initial = start.current;
    if (!host.current) return;
    const m = baseMap(host.current, initial ? [initial.lat, initial.lng] : [37.5985, 126.6612], initial ? 16 : 14);
    map.current = m;
    const put = (ll: L.LatLng) => setPos({ lat: ll.lat.toFixed(6), lng: ll.lng.toFixed(6) });
    const pin = (ll: L.LatLngExpression) => {
      if (marker.current) marker.current.setLatLng(ll);
      else {
        marker.current = L.marker(ll, { draggable: true, keyboard: false, icon: L.divIcon({ className: 'van-icon', html: '<span class="van-dot" data-map-kind="pin" style="background:#da1e28">●</span>', iconSize: [30, 30], iconAnchor: [15, 15] }) }).addTo(m);
        marker.current.on('dragend', () => put(marker.current!.getLatLng()));
      }
    };
    if (initial) pin([initial.lat, initial.lng]);
    m.on('click', (e: L.LeafletMouseEvent) => {
      pin(e.latlng);
      put(e.latlng);
    });
    return () => {
      m.remove();
      map.current = null;
      marker.current = null;
    };
  }, []);
  const typed = (next: { lat: string; lng: string }) => {
    setPos(next);
    const lat = Number(next.lat);
    const lng = Number(next.lng);
    if (next.lat && next.lng && Number.isFinite(lat) && Number.isFinite(lng) && marker.current) marker.current.setLatLng([lat, lng]);
  };
  return (
    <fieldset className="position-picker">
      <legend>{t('admin.place.position')}</legend>
      <p className="muted" id="position-hint">
        {t('admin.place.mapHint')}
      </p>
      <div ref={host} className="map" role="region" aria-label={t('admin.place.map')} aria-describedby="position-hint" data-testid="position-map" />
      <label>
        {t('admin.lat')}
        <input name="lat" type="number" step="any" required value={pos.lat} onChange={(e) => typed({ ...pos, lat: e.target.value })} />
      </label>
      <label>
        {t('admin.lng')}
        <input name="lng" type="number" step="any" required value={pos.lng} onChange={(e) => typed({ ...pos, lng: e.target.value })} />
      </label>
    </fieldset>
  );
}

function PlacesSection({ area, isAdmin }: { area: AdminArea; isAdmin: boolean }) {
  const { t, name } = useI18n();
  const [places, reload, loadError] = useList<AdminPlace>(`/v1/admin/places?areaId=${area.id}&includeRetired=true`);
  const act = useAction(reload);
  const [editing, setEditing] = useState<AdminPlace | 'new' | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = { name: { ko: str(f.get('nameKo')), en: str(f.get('nameEn')) }, kind: str(f.get('kind')), lat: num(f.get('lat')), lng: num(f.get('lng')), isStop: f.get('isStop') === 'on' };
    const ok = await act.run(() => (editing === 'new' ? api.post('/v1/admin/places', { ...body, areaId: area.id, code: str(f.get('code')) }) : patch(`/v1/admin/places/${(editing as AdminPlace).id}`, body)));
    if (ok) setEditing(null);
  };
  const current = editing === 'new' ? null : editing;
  return (
    <Section title={t('admin.tab.places')} id="places">
      <Feedback error={act.error ?? loadError} notice={act.notice} />
      {isAdmin && !editing && (
        <div>
          <button type="button" onClick={() => setEditing('new')} data-testid="place-new">
            {t('admin.place.new')}
          </button>
        </div>
      )}
      {isAdmin && editing && (
        <form className="form admin-form" onSubmit={(e) => void submit(e)} aria-label={current ? t('admin.place.edit') : t('admin.place.new')} data-testid="place-form">
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
          <PositionPicker key={current?.id ?? 'new'} initial={current ? { lat: current.lat, lng: current.lng } : null} />
          <label className="check">
            <input name="isStop" type="checkbox" defaultChecked={current?.isStop ?? true} />
            {t('admin.place.isStop')}
          </label>
          <FormActions busy={act.busy} onClose={() => setEditing(null)} />
        </form>
      )}
      <TableRegion>
        <table className="table" data-testid="places">
          <thead>
            <tr>
              <th scope="col">{t('admin.code')}</th>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('admin.place.kind')}</th>
              <th scope="col">{t('admin.place.position')}</th>
              <th scope="col">{t('admin.status')}</th>
              {isAdmin && <th scope="col">{t('admin.actions')}</th>}
            </tr>
          </thead>
          <tbody>
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
                      <button type="button" onClick={() => void act.run(() => api.post(`/v1/admin/places/${p.id}/reinstate`))}>
                        {t('admin.reinstate')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="danger"
                        data-testid="place-retire"
                        onClick={() => act.ask(t('admin.confirm.placeRetire', { place: name(p.name), code: p.code }), () => api.post(`/v1/admin/places/${p.id}/retire`))}
                      >
                        {t('admin.retire')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="danger"
                      data-testid="place-delete"
                      onClick={() => act.ask(t('admin.confirm.placeDelete', { place: name(p.name), code: p.code }), () => request('DELETE', `/v1/admin/places/${p.id}`), t('admin.deleted'))}
                    >
                      {t('admin.delete')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </Section>
  );
}

// ---------------------------------------------------------------- fleet

function FleetSection({ area, isAdmin }: { area: AdminArea; isAdmin: boolean }) {
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
    const body = { plate: str(f.get('plate')), label: str(f.get('label')), seats: num(f.get('seats')), bagSlots: num(f.get('bagSlots')), wheelchairAccessible: f.get('wheelchair') === 'on', homePlaceId: home || null };
    const ok = await act.run(() => (editing === 'new' ? api.post('/v1/admin/vehicles', { ...body, areaId: area.id }) : patch(`/v1/admin/vehicles/${(editing as AdminVehicle).id}`, body)));
    if (ok) setEditing(null);
  };
  const current = editing === 'new' ? null : editing;
  return (
    <Section title={t('admin.tab.fleet')} id="fleet">
      <Feedback error={act.error ?? loadError} notice={act.notice} />
      {isAdmin && !editing && (
        <div>
          <button type="button" onClick={() => setEditing('new')} data-testid="van-new">
            {t('admin.van.new')}
          </button>
        </div>
      )}
      {isAdmin && editing && (
        <form className="form admin-form" onSubmit={(e) => void submit(e)} aria-label={current ? t('admin.van.edit') : t('admin.van.new')} data-testid="van-form">
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
            <select key={places.length} name="homePlaceId" required={homeRequired} defaultValue={current?.homePlaceId ?? ''}>
              <option value="">{homeRequired ? t('form.choose') : t('admin.van.noHome')}</option>
              {places.filter((p) => !p.retiredAt || p.id === current?.homePlaceId).map((p) => (
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
          <FormActions busy={act.busy} onClose={() => setEditing(null)} />
        </form>
      )}
      <TableRegion>
        <table className="table" data-testid="vans">
          <thead>
            <tr>
              <th scope="col">{t('admin.van.label')}</th>
              <th scope="col">{t('admin.van.plate')}</th>
              <th scope="col">{t('admin.van.seats')}</th>
              <th scope="col">{t('admin.van.bagSlots')}</th>
              <th scope="col">{t('admin.van.wheelchair')}</th>
              <th scope="col">{t('admin.status')}</th>
              {isAdmin && <th scope="col">{t('admin.actions')}</th>}
            </tr>
          </thead>
          <tbody>
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
                      <button
                        type="button"
                        className="danger"
                        data-testid="van-out"
                        onClick={() => act.ask(t('admin.confirm.vanOut', { van: v.label, plate: v.plate }), () => api.post(`/v1/admin/vehicles/${v.id}/out-of-service`, {}))}
                      >
                        {t('admin.van.takeOut')}
                      </button>
                    ) : (
                      <button type="button" data-testid="van-in" onClick={() => void act.run(() => api.post(`/v1/admin/vehicles/${v.id}/in-service`))}>
                        {t('admin.van.putBack')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="danger"
                      data-testid="van-delete"
                      onClick={() => act.ask(t('admin.confirm.vanDelete', { van: v.label, plate: v.plate }), () => request('DELETE', `/v1/admin/vehicles/${v.id}`), t('admin.deleted'))}
                    >
                      {t('admin.delete')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </Section>
  );
}

// ---------------------------------------------------------------- staff

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

function StaffSection({ area, isAdmin }: { area: AdminArea; isAdmin: boolean }) {
  const { t } = useI18n();
  const [staff, reload, loadError] = useList<AdminStaff>(`/v1/admin/staff?areaId=${area.id}&includeInactive=true`);
  const act = useAction(reload);
  const [inviting, setInviting] = useState(false);
  const [link, setLink] = useState<{ link: AccountLink; label: string } | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = { email: str(f.get('email')), displayName: str(f.get('displayName')), kind: str(f.get('kind')), phone: str(f.get('phone')), language: str(f.get('language')), areaIds: [area.id] };
    const ok = await act.run(async () => {
      const r = await api.post<{ invite: AccountLink }>('/v1/admin/staff', body);
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
      {isAdmin && !inviting && (
        <div>
          <button type="button" onClick={() => setInviting(true)}>
            {t('admin.staff.invite')}
          </button>
        </div>
      )}
      {isAdmin && inviting && (
        <form className="form admin-form" onSubmit={(e) => void submit(e)} aria-label={t('admin.staff.invite')}>
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
          <FormActions busy={act.busy} onClose={() => setInviting(false)} submitLabel={t('admin.staff.sendInvite')} />
        </form>
      )}
      <TableRegion>
        <table className="table" data-testid="staff">
          <thead>
            <tr>
              <th scope="col">{t('admin.staff.name')}</th>
              <th scope="col">{t('auth.email')}</th>
              <th scope="col">{t('admin.staff.kind')}</th>
              <th scope="col">{t('admin.staff.phone')}</th>
              <th scope="col">{t('admin.status')}</th>
              {isAdmin && <th scope="col">{t('admin.actions')}</th>}
            </tr>
          </thead>
          <tbody>
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
                      <button
                        type="button"
                        className="danger"
                        data-testid="staff-deactivate"
                        onClick={() => act.ask(t('admin.confirm.staffDeactivate', { name: s.displayName }), () => api.post(`/v1/admin/staff/${s.id}/deactivate`))}
                      >
                        {t('admin.deactivate')}
                      </button>
                    ) : (
                      <button type="button" onClick={() => void act.run(() => api.post(`/v1/admin/staff/${s.id}/reactivate`))}>
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
          </tbody>
        </table>
      </TableRegion>
    </Section>
  );
}

// ---------------------------------------------------------------- shifts

function ShiftsSection({ area, isAdmin }: { area: AdminArea; isAdmin: boolean }) {
  const { t, time } = useI18n();
  const [day, setDay] = useState(seoulDay());
  const from = new Date(`${day}T00:00:00+09:00`).toISOString();
  const to = new Date(`${day}T24:00:00+09:00`).toISOString();
  const [shifts, reload, loadError] = useList<AdminShift>(`/v1/admin/shifts?areaId=${area.id}&includeClosed=true&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
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
    const plan = { staffId: str(f.get('staffId')), vehicleId: str(f.get('vehicleId')), plannedStart: start.toISOString(), plannedEnd: end.toISOString() };
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
  const shiftVars = (s: AdminShift) => ({ name: staffName(s.staffId), van: vanName(s.vehicleId), start: time(s.plannedStart), end: time(s.plannedEnd) });
  return (
    <Section title={t('admin.tab.shifts')} id="shifts">
      <label>
        {t('admin.shift.day')}
        <input type="date" name="day" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
      </label>
      <Feedback error={act.error ?? loadError} notice={act.notice} />
      {isAdmin && !editing && (
        <div>
          <button type="button" onClick={() => setEditing('new')}>
            {t('admin.shift.new')}
          </button>
        </div>
      )}
      {isAdmin && editing && (
        <form
          key={current?.id ?? 'new'}
          className="form admin-form"
          onSubmit={(e) => void submit(e)}
          aria-label={current ? t('admin.shift.edit') : t('admin.shift.new')}
          data-testid="shift-form"
        >
          <label>
            {t('admin.shift.staff')}
            <select name="staffId" required defaultValue={current?.staffId ?? ''}>
              <option value="">{t('form.choose')}</option>
              {current && !staff.some((s) => s.id === current.staffId) && <option value={current.staffId}>{staffName(current.staffId)}</option>}
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
            <input name="breaks" placeholder="12:00-12:30, 15:00-15:15" defaultValue={current ? breaksText(current) : ''} aria-describedby="shift-breaks-hint" />
            <small id="shift-breaks-hint" className="muted">
              {t('admin.shift.breaksHint')}
            </small>
          </label>
          <FormActions busy={act.busy} onClose={() => setEditing(null)} />
        </form>
      )}
      <TableRegion>
        <table className="table" data-testid="shifts">
          <thead>
            <tr>
              <th scope="col">{t('admin.shift.staff')}</th>
              <th scope="col">{t('admin.shift.van')}</th>
              <th scope="col">{t('admin.shift.start')}</th>
              <th scope="col">{t('admin.shift.end')}</th>
              <th scope="col">{t('admin.shift.breaksColumn')}</th>
              <th scope="col">{t('admin.status')}</th>
              {isAdmin && <th scope="col">{t('admin.actions')}</th>}
            </tr>
          </thead>
          <tbody>
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
                      <button type="button" className="danger" data-testid="shift-end" onClick={() => act.ask(t('admin.confirm.shiftEnd', shiftVars(s)), () => api.post(`/v1/admin/shifts/${s.id}/end`))}>
                        {t('admin.shift.endNow')}
                      </button>
                    )}
                    {s.status === 'planned' && (
                      <button type="button" className="danger" data-testid="shift-cancel" onClick={() => act.ask(t('admin.confirm.shiftCancel', shiftVars(s)), () => api.post(`/v1/admin/shifts/${s.id}/cancel`))}>
                        {t('admin.shift.cancel')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </Section>
  );
}

// ---------------------------------------------------------------- companies

function CompaniesSection({ area, isAdmin }: { area: AdminArea; isAdmin: boolean }) {
  const { t, name } = useI18n();
  const [companies, reload, loadError] = useList<AdminCompany>(`/v1/admin/companies?areaId=${area.id}`);
  const act = useAction(reload);
  const [creating, setCreating] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const ok = await act.run(() => api.post('/v1/admin/companies', { areaId: area.id, name: { ko: str(f.get('nameKo')), en: str(f.get('nameEn')) }, employerCode: str(f.get('employerCode')) }));
    if (ok) setCreating(false);
  };
  return (
    <Section title={t('admin.tab.companies')} id="companies">
      <Feedback error={act.error ?? loadError} notice={act.notice} />
      {isAdmin && !creating && (
        <div>
          <button type="button" onClick={() => setCreating(true)}>
            {t('admin.company.new')}
          </button>
        </div>
      )}
      {isAdmin && creating && (
        <form className="form admin-form" onSubmit={(e) => void submit(e)} aria-label={t('admin.company.new')}>
          <NameInputs />
          <label>
            {t('admin.company.code')}
            <input name="employerCode" required />
          </label>
          <FormActions busy={act.busy} onClose={() => setCreating(false)} />
        </form>
      )}
      <TableRegion>
        <table className="table" data-testid="companies">
          <thead>
            <tr>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('admin.company.code')}</th>
              <th scope="col">{t('admin.status')}</th>
              {isAdmin && <th scope="col">{t('admin.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {companies.map((c) => (
              <tr key={c.id} data-company-code={c.employerCode}>
                <td>{name(c.name)}</td>
                <td>{c.employerCode}</td>
                <td>{c.suspendedAt ? t('admin.suspended') : t('admin.active')}</td>
                {isAdmin && (
                  <td className="actions">
                    {c.suspendedAt ? (
                      <button type="button" onClick={() => void act.run(() => api.post(`/v1/admin/companies/${c.id}/reinstate`))}>
                        {t('admin.reinstate')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="danger"
                        data-testid="company-suspend"
                        onClick={() => act.ask(t('admin.confirm.companySuspend', { company: name(c.name), code: c.employerCode }), () => api.post(`/v1/admin/companies/${c.id}/suspend`, {}))}
                      >
                        {t('admin.suspend')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </Section>
  );
}

// ---------------------------------------------------------------- price rules

function PricesSection({ area, isAdmin }: { area: AdminArea; isAdmin: boolean }) {
  const { t, won, dateTime } = useI18n();
  const [history, reload, loadError] = useList<PriceRulesVersion>(`/v1/luggage/price-rules/history?areaId=${area.id}`);
  const act = useAction(reload);
  const current = history[0];
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    let zones: unknown;
    try {
      zones = JSON.parse(str(f.get('zones')));
    } catch {
      act.setError(t('admin.price.zonesInvalid'));
      return;
    }
    await act.run(() =>
      api.post('/v1/luggage/price-rules', {
        areaId: area.id,
        baseKrw: num(f.get('baseKrw')),
        perBagKrw: { carry_on: num(f.get('carry_on')), suitcase: num(f.get('suitcase')), oversize: num(f.get('oversize')) },
        zones,
        cancellationFeeKrw: num(f.get('cancellationFeeKrw')),
      }),
    );
  };
  const summary = (r: PriceRules) =>
    t('admin.price.summary', { base: won(r.baseKrw), carry: won(r.perBagKrw.carry_on), suitcase: won(r.perBagKrw.suitcase), oversize: won(r.perBagKrw.oversize), fee: won(r.cancellationFeeKrw) });
  return (
    <Section title={t('admin.tab.prices')} id="prices">
      <Feedback error={act.error ?? (area.kind === 'luggage' ? loadError : null)} notice={act.notice} />
      {area.kind !== 'luggage' && <p>{t('admin.price.onlyLuggage')}</p>}
      {current && (
        <div className="preview" data-testid="price-current">
          <p>
            <strong>{t('admin.price.current', { version: current.version })}</strong>
          </p>
          <p>{summary(current.rules)}</p>
          <p>{current.rules.zones.map((z) => t('admin.price.zone', { code: z.code, km: z.maxKm ?? '∞', fee: won(z.surchargeKrw) })).join(' · ')}</p>
        </div>
      )}
      {isAdmin && area.kind === 'luggage' && current && (
        <form key={current.version} className="form admin-form" onSubmit={(e) => void submit(e)} aria-label={t('admin.price.newVersion')}>
          <label>
            {t('admin.price.base')}
            <input name="baseKrw" type="number" min={0} required defaultValue={current.rules.baseKrw} />
          </label>
          <label>
            {t('admin.price.carryOn')}
            <input name="carry_on" type="number" min={0} required defaultValue={current.rules.perBagKrw.carry_on} />
          </label>
          <label>
            {t('admin.price.suitcase')}
            <input name="suitcase" type="number" min={0} required defaultValue={current.rules.perBagKrw.suitcase} />
          </label>
          <label>
            {t('admin.price.oversize')}
            <input name="oversize" type="number" min={0} required defaultValue={current.rules.perBagKrw.oversize} />
          </label>
          <label>
            {t('admin.price.cancellationFee')}
            <input name="cancellationFeeKrw" type="number" min={0} required defaultValue={current.rules.cancellationFeeKrw} />
          </label>
          <label>
            {t('admin.price.zones')}
            <textarea name="zones" rows={4} required defaultValue={JSON.stringify(current.rules.zones)} />
          </label>
          <div className="row">
            <button type="submit" className="primary" disabled={act.busy}>
              {t('admin.price.newVersion')}
            </button>
          </div>
        </form>
      )}
      {history.length > 0 && (
        <TableRegion>
          <table className="table" data-testid="price-history">
            <caption>{t('admin.price.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.price.version')}</th>
                <th scope="col">{t('admin.when')}</th>
                <th scope="col">{t('admin.price.rules')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.version}>
                  <td>{h.version}</td>
                  <td>{dateTime(h.createdAt)}</td>
                  <td>{summary(h.rules)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- audit log

function AuditSection({ me }: { me: Me }) {
  const { t, dateTime, time } = useI18n();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [staff] = useList<AdminStaff>('/v1/admin/staff?includeInactive=true');
  const load = useCallback(
    async (before: string | null) => {
      try {
        const page = await api.get<{ items: AuditEntry[]; nextBefore: string | null }>(`/v1/admin/audit-log?limit=50${before ? `&before=${before}` : ''}`);
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
  const who = (id: string | null) => (!id ? t('admin.audit.system') : id === me.id ? me.displayName : (staff.find((s) => s.userId === id)?.displayName ?? id.slice(0, 8)));
  const json = (v: unknown) => (v == null ? '—' : JSON.stringify(v, null, 1));
  return (
    <Section title={t('admin.tab.audit')} id="audit">
      <Feedback error={error} notice={null} />
      <div>
        <button type="button" onClick={() => void load(null)}>
          {t('admin.refresh')}
        </button>
      </div>
      <TableRegion>
        <table className="table" data-testid="audit">
          <thead>
            <tr>
              <th scope="col">{t('admin.when')}</th>
              <th scope="col">{t('admin.audit.who')}</th>
              <th scope="col">{t('admin.audit.action')}</th>
              <th scope="col">{t('admin.audit.entity')}</th>
              <th scope="col">{t('admin.audit.change')}</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </TableRegion>
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
