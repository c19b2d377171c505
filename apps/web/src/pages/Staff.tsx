import { ChangeEvent, FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, Me, request, session } from '../api';
import { Translate, useI18n } from '../i18n';
import { LiveState, useLive } from '../live';
import type { MessageKey } from '../messages';
import { enqueue, flush, FlushResult, pending, QueuedAction, queueSummary } from '../outbox';
import { putPhotos } from '../photo-store';
import { forgetPickupTags, keepPickupTags, readPickupTags } from '../pickup-draft';
import { LiveIndicator, SignedInPage, errorText, messageOr } from '../shell';
import { luggageStatusKey } from './Track';

interface ManifestStop {
  kind: 'pickup' | 'dropoff';
  placeId: string;
  placeName: { ko: string; en: string };
  lat: number;
  lng: number;
  eta: string;
  rider: { rideId: string; name: string; phone: string | null; passengers: number; needs: string[]; status: string; noShowAllowedAt: string | null };
}

interface Manifest {
  vehicleId: string;
  version: number;
  stops: ManifestStop[];
}

interface CourierTask {
  id: string;
  reference: string;
  status: string;
  direction: string;
  origin: { code: string; nameKo: string; nameEn: string; lat: number; lng: number };
  destination: { code: string; nameKo: string; nameEn: string; lat: number; lng: number };
  bags: { carry_on: number; suitcase: number; oversize: number; total: number };
  flightNumber: string;
  deadline: string;
  plannedPickupAt: string | null;
  plannedDeliveryAt: string | null;
  contact: { name: string; phone: string; language: string };
  handoverLocked: boolean;
}

/** A navigation link that opens the phone's map app (Kakao Map works on any phone browser). */
const navLink = (name: string, lat: number, lng: number) => `https://map.kakao.com/link/to/${encodeURIComponent(name)},${lat},${lng}`;

export function StaffPage() {
  const { t } = useI18n();
  return (
    <SignedInPage title={t('staff.title')} roles={['staff']} variant="staff">
      {(me) => <StaffHome me={me} />}
    </SignedInPage>
  );
}

/** A step the server accepted, with the time its answer came: only these are shown as done. */
interface Confirmed {
  action: QueuedAction;
  at: string;
}

/** Shows what is waiting to be sent, and sends it whenever the network answers. */
function useOutbox(onSent: () => void) {
  const [queued, setQueued] = useState<QueuedAction[]>(pending);
  // Kept as the server's refusals, worded when shown: a language switch rewords them.
  const [refused, setRefused] = useState<FlushResult['refused'] | null>(null);
  const [confirmed, setConfirmed] = useState<Confirmed[]>([]);
  /**
   * The last run left actions unsent (no answer from the api): the page is not in touch, whatever
   * the socket says (a hung connection looks live until its ping times out, up to 45 s).
   */
  const [stuck, setStuck] = useState(false);
  const run = useCallback(async () => {
    const result = await flush();
    setQueued(pending());
    setStuck(result.left > 0);
    if (result.confirmed.length) {
      const at = new Date().toISOString();
      setConfirmed((list) => [...result.confirmed.map((action) => ({ action, at })).reverse(), ...list].slice(0, 5));
      for (const action of result.confirmed) {
        const pickedUp = /\/bookings\/([^/]+)\/pickup$/.exec(action.path);
        if (pickedUp) forgetPickupTags(pickedUp[1]);
      }
    }
    if (result.refused.length) setRefused(result.refused);
    else if (result.sent) setRefused(null);
    if (result.sent || result.refused.length) onSent();
  }, [onSent]);
  useEffect(() => {
    const id = setInterval(() => void run(), 4000);
    const online = () => void run();
    window.addEventListener('online', online);
    return () => {
      clearInterval(id);
      window.removeEventListener('online', online);
    };
  }, [run]);
  const add = (a: Omit<QueuedAction, 'id' | 'occurredAt'> & { occurredAt?: string }) => {
    enqueue(a);
    setQueued(pending());
    void run();
  };
  return { queued, refused, confirmed, stuck, add, run };
}

/** The step in the page's language (the stored label for actions queued by an older page). */
function stepText(t: Translate, action: QueuedAction): string {
  return action.step ? t(`staff.step.${action.step.kind}`, { subject: action.step.subject }) : action.label;
}

function ageText(t: Translate, seconds: number): string {
  if (seconds < 60) return t('staff.age.seconds', { n: seconds });
  if (seconds < 3600) return t('staff.age.minutes', { n: Math.floor(seconds / 60) });
  return t('staff.age.hours', { h: Math.floor(seconds / 3600), m: Math.floor((seconds % 3600) / 60) });
}

/** Re-renders every few seconds, so the age of queued actions stays true. */
function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

function StaffHome({ me }: { me: Me }) {
  const [kind, setKind] = useState<'driver' | 'courier' | null>(null);
  useEffect(() => {
    void api
      .get<Array<{ id: string; kind: string }>>('/v1/areas', { auth: false })
      .then((areas) => setKind(areas.some((a) => me.areaIds.includes(a.id) && a.kind === 'luggage') ? 'courier' : 'driver'))
      .catch(() => setKind('driver'));
  }, [me]);
  if (!kind) return null;
  return kind === 'driver' ? <DriverScreens me={me} /> : <CourierScreens me={me} />;
}

/** Shares the phone's position while the page is open (drivers: the van's; couriers: their own). */
function useLocationSharing(path: string | null, withTime: boolean): 'on' | 'off' | 'denied' {
  const [state, setState] = useState<'on' | 'off' | 'denied'>('off');
  useEffect(() => {
    if (!path || !('geolocation' in navigator)) return;
    const id = navigator.geolocation.watchPosition(
      (pos) => {
        setState('on');
        const body: Record<string, unknown> = { lat: pos.coords.latitude, lng: pos.coords.longitude };
        if (withTime) {
          body.at = new Date(pos.timestamp).toISOString();
          if (pos.coords.heading !== null && !Number.isNaN(pos.coords.heading)) body.heading = pos.coords.heading;
          if (pos.coords.speed !== null && !Number.isNaN(pos.coords.speed)) body.speed = Math.min(70, pos.coords.speed);
        }
        void request('POST', path, { body }).catch(() => undefined);
      },
      () => setState('denied'),
      { enableHighAccuracy: true, maximumAge: 5000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [path, withTime]);
  return state;
}

function QueueBanner({ queued, refused, confirmed }: { queued: QueuedAction[]; refused: FlushResult['refused'] | null; confirmed: Confirmed[] }) {
  const i = useI18n();
  const { t } = i;
  const now = useNow(5000);
  const summary = queueSummary(queued, now);
  const [last] = confirmed;
  return (
    <>
      {summary.count > 0 && (
        <div className="warning big" role="status" data-testid="outbox" data-count={summary.count}>
          <p>
            <strong>{t('staff.notSent', { n: summary.count, age: ageText(t, summary.oldestSeconds) })}</strong>
          </p>
          <ul>
            {queued.map((q) => (
              <li key={q.id} data-testid="outbox-item">
                {t('staff.notSentStep', { what: stepText(t, q) })} · {i.time(q.occurredAt)}
              </li>
            ))}
          </ul>
          <p>{t('staff.notSentHint')}</p>
        </div>
      )}
      {last && summary.count === 0 && (
        <p className="success big" role="status" data-testid="confirmed" data-path={last.action.path}>
          {t('staff.confirmed', { what: stepText(t, last.action), time: i.time(last.at) })}
        </p>
      )}
      {refused && (
        <p className="error" role="alert">
          {t('staff.refused', { what: refused.map((r) => `${stepText(t, r.action)}: ${r.error ? errorText(i, r.error) : messageOr(t, `code.${r.code}`, r.code)}`).join(', ') })}
        </p>
      )}
    </>
  );
}

function DriverScreens({ me }: { me: Me }) {
  const i = useI18n();
  const { t } = i;
  const [manifest, setManifest] = useState<Manifest | null>(null);
  const [onShift, setOnShift] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  const [showList, setShowList] = useState(false);

  const load = useCallback(async () => {
    try {
      const m = await api.get<Manifest>('/v1/driver/manifest');
      setManifest(m);
      setOnShift(true);
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'SHIFT_NOT_ACTIVE' || e.status === 409)) setOnShift(false);
      else if (!(e instanceof ApiError)) setError(t('staff.offlineKeepGoing'));
      else setError(errorText(i, e));
    }
  }, []);
  const outbox = useOutbox(() => void load());
  const location = useLocationSharing(onShift ? '/v1/driver/location' : null, true);

  useLive(() => {
    const token = session()?.accessToken;
    return token
      ? { token, onState: setLive, onReady: load, handlers: { 'manifest.updated': () => void load(), 'ride.status': () => void load() } }
      : null;
  }, [load]);
  useEffect(() => {
    void load();
  }, [load]);

  const start = async () => {
    setError(null);
    try {
      await api.post('/v1/driver/shifts/start', {});
      await load();
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'NO_SHIFT' ? t('staff.noShift') : errorText(i, e));
    }
  };

  // Actions already queued hide their stop: the driver moves on even without signal.
  const done = new Set(outbox.queued.map((q) => q.path));
  const stops = (manifest?.stops ?? []).filter((s) => {
    const a = actionFor(s);
    return !a || !done.has(`/v1/driver/rides/${s.rider.rideId}/${a}`);
  });
  const next = stops[0];

  const act = (stop: ManifestStop, action: 'arrive' | 'pickup' | 'dropoff' | 'no-show') => {
    outbox.add({
      method: 'POST',
      path: `/v1/driver/rides/${stop.rider.rideId}/${action}`,
      body: {},
      label: `${stop.rider.name} ${action}`,
      step: { kind: action, subject: stop.rider.name },
      timeField: 'occurredAt',
    });
    // The next action on the same stop (pickup after arrive) shows at once.
    setManifest((m) =>
      m
        ? {
            ...m,
            stops: m.stops
              .map((s) => (s === stop && action === 'arrive' ? { ...s, rider: { ...s.rider, status: 'arrived' } } : s))
              .filter((s) => !(s === stop && action !== 'arrive')),
          }
        : m,
    );
  };

  return (
    <div className="stack staff">
      <div className="row between">
        <p className="greeting">{t('staff.hello', { name: me.displayName })}</p>
        <LiveIndicator state={outbox.stuck ? 'offline' : live} />
      </div>
      <QueueBanner queued={outbox.queued} refused={outbox.refused} confirmed={outbox.confirmed} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {onShift === false && (
        <section className="card" aria-labelledby="shift-title">
          <h2 id="shift-title">{t('staff.startTitle')}</h2>
          <button type="button" className="primary huge" onClick={() => void start()} data-testid="start-shift">
            {t('staff.startShift')}
          </button>
        </section>
      )}
      {onShift && (
        <>
          <p className="muted" role="status">
            {location === 'on' ? t('staff.locationOn') : location === 'denied' ? t('staff.locationDenied') : t('staff.locationOff')}
          </p>
          {next ? (
            <section className="card next" aria-labelledby="next-title" data-testid="next-stop" data-ride-id={next.rider.rideId} data-kind={next.kind}>
              <p className="eyebrow">{next.kind === 'pickup' ? t('staff.nextPickup') : t('staff.nextDropoff')}</p>
              <h2 id="next-title">{i.name(next.placeName)}</h2>
              <p className="big">
                {next.rider.name} · {t('staff.passengers', { n: next.rider.passengers })}
                {next.rider.needs.includes('wheelchair') && ` · ${t('staff.wheelchair')}`}
              </p>
              <p className="big">{t('staff.eta', { time: i.time(next.eta) })}</p>
              <a className="button secondary" href={navLink(i.name(next.placeName), next.lat, next.lng)} target="_blank" rel="noreferrer">
                {t('staff.navigate')}
              </a>
              {next.rider.phone && (
                <a className="button secondary" href={`tel:${next.rider.phone}`}>
                  {t('staff.call')}
                </a>
              )}
              <MainDriverAction stop={next} onAct={act} />
            </section>
          ) : (
            <section className="card" data-testid="no-stops">
              <h2>{t('staff.noStops')}</h2>
            </section>
          )}
          <button type="button" className="link-button" onClick={() => setShowList((v) => !v)} aria-expanded={showList}>
            {t('staff.manifest', { n: stops.length })}
          </button>
          {showList && (
            <ol className="manifest">
              {stops.map((s, n) => (
                <li key={`${s.rider.rideId}-${s.kind}`}>
                  <strong>{i.time(s.eta)}</strong> {s.kind === 'pickup' ? t('staff.pickupShort') : t('staff.dropoffShort')} · {i.name(s.placeName)} · {s.rider.name}
                  {n === 0 ? ` (${t('staff.now')})` : ''}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </div>
  );
}

function actionFor(stop: ManifestStop): 'arrive' | 'pickup' | 'dropoff' | null {
  if (stop.kind === 'dropoff') return stop.rider.status === 'on_board' ? 'dropoff' : null;
  if (stop.rider.status === 'assigned') return 'arrive';
  if (stop.rider.status === 'arrived') return 'pickup';
  return null;
}

function MainDriverAction({ stop, onAct }: { stop: ManifestStop; onAct: (s: ManifestStop, a: 'arrive' | 'pickup' | 'dropoff' | 'no-show') => void }) {
  const { t } = useI18n();
  const action = actionFor(stop);
  const labels: Record<'arrive' | 'pickup' | 'dropoff', MessageKey> = { arrive: 'staff.arrive', pickup: 'staff.pickup', dropoff: 'staff.dropoff' };
  const noShowOk = stop.rider.status === 'arrived' && stop.rider.noShowAllowedAt !== null && new Date(stop.rider.noShowAllowedAt).getTime() <= Date.now();
  return (
    <>
      {action && (
        <button type="button" className="primary huge" onClick={() => onAct(stop, action)} data-testid="main-action" data-action={action}>
          {t(labels[action])}
        </button>
      )}
      {noShowOk && (
        <button type="button" className="danger" onClick={() => onAct(stop, 'no-show')}>
          {t('staff.noShow')}
        </button>
      )}
    </>
  );
}

function CourierScreens({ me }: { me: Me }) {
  const i = useI18n();
  const { t } = i;
  const [tasks, setTasks] = useState<CourierTask[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  const load = useCallback(async () => {
    try {
      setTasks(await api.get<CourierTask[]>('/v1/luggage/courier/tasks'));
    } catch (e) {
      setError(errorText(i, e));
    }
  }, []);
  const outbox = useOutbox(() => void load());
  const location = useLocationSharing('/v1/luggage/courier/position', false);

  useLive(() => {
    const token = session()?.accessToken;
    return token
      ? { token, onState: setLive, onReady: load, handlers: { 'luggage.status': () => void load() } }
      : null;
  }, [load]);
  useEffect(() => {
    void load();
  }, [load]);

  // The task stays on screen until the server confirmed its steps: a queued step is shown as
  // "not sent yet", never as done. Set off and in transit may be followed offline by the next step
  // (the queue keeps the order); a queued pickup or handover waits for the server's answer.
  const queuedFor = (task: CourierTask) => outbox.queued.filter((q) => q.path.startsWith(`/v1/luggage/courier/bookings/${task.id}/`));
  const next = (tasks ?? [])[0];
  const nextQueued = next ? queuedFor(next) : [];
  const awaiting = nextQueued.some((q) => q.path.endsWith('/pickup') || q.path.endsWith('/deliver'));
  const handovers = outbox.confirmed.filter((c) => c.action.step?.kind === 'deliver' || c.action.path.endsWith('/deliver'));

  const step = (task: CourierTask, action: 'en-route' | 'in-transit') => {
    // Sent with the time the step really happened, so a step queued without signal keeps it.
    outbox.add({
      method: 'POST',
      path: `/v1/luggage/courier/bookings/${task.id}/${action}`,
      body: {},
      label: `${task.reference} ${action}`,
      step: { kind: action, subject: task.reference },
      timeField: 'occurredAt',
    });
    setTasks((list) => list?.map((x) => (x.id === task.id ? { ...x, status: action === 'en-route' ? 'courier_en_route' : 'in_transit' } : x)) ?? null);
  };

  return (
    <div className="stack staff">
      <div className="row between">
        <p className="greeting">{t('staff.hello', { name: me.displayName })}</p>
        <LiveIndicator state={outbox.stuck ? 'offline' : live} />
      </div>
      <QueueBanner queued={outbox.queued} refused={outbox.refused} confirmed={outbox.confirmed} />
      <p className="muted" role="status">
        {location === 'on' ? t('staff.locationOn') : location === 'denied' ? t('staff.locationDenied') : t('staff.locationOff')}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {handovers.map((c) => (
        <p key={c.action.id} className="success big" role="status" data-testid="handover-confirmed" data-path={c.action.path}>
          {t('staff.handoverConfirmed', { ref: c.action.step?.subject ?? c.action.label, time: i.time(c.at) })}
        </p>
      ))}
      {tasks && !next && (
        <section className="card" data-testid="no-stops">
          <h2>{t('staff.noTasks')}</h2>
        </section>
      )}
      {next && (
        <section className="card next" aria-labelledby="task-title" data-testid="next-task" data-status={next.status}>
          <p className="eyebrow">
            {next.reference} · {t(luggageStatusKey(next.status))}
          </p>
          {nextQueued.map((q) => (
            <p key={q.id} className="warning big" data-testid="task-not-sent">
              {t('staff.notSentStep', { what: stepText(t, q) })}
            </p>
          ))}
          {awaiting && nextQueued.some((q) => q.path.endsWith('/deliver')) && <p className="big">{t('staff.handoverWaiting')}</p>}
          {['assigned', 'courier_en_route'].includes(next.status) ? (
            <>
              <h2 id="task-title">{t('staff.pickupAt', { place: i.name(next.origin) })}</h2>
              <p className="big">
                {next.contact.name} · {t('track.bags', { n: next.bags.total })}
              </p>
              <p className="big">{t('staff.eta', { time: i.time(next.plannedPickupAt) })}</p>
              <a className="button secondary" href={navLink(i.name(next.origin), next.origin.lat, next.origin.lng)} target="_blank" rel="noreferrer">
                {t('staff.navigate')}
              </a>
              {awaiting ? null : next.status === 'assigned' ? (
                <button type="button" className="primary huge" onClick={() => step(next, 'en-route')} data-testid="main-action">
                  {t('staff.setOff')}
                </button>
              ) : (
                <PickupForm
                  key={next.id}
                  task={next}
                  onQueued={(pickup) =>
                    outbox.add({
                      method: 'POST',
                      path: `/v1/luggage/courier/bookings/${next.id}/pickup`,
                      body: pickup.fields,
                      occurredAt: pickup.occurredAt,
                      label: `${next.reference} pickup`,
                      step: { kind: 'luggage-pickup', subject: next.reference },
                      timeField: 'occurredAt',
                      multipart: { photosId: pickup.photosId, fileField: 'photos' },
                    })
                  }
                />
              )}
            </>
          ) : (
            <>
              <h2 id="task-title">{t('staff.deliverAt', { place: i.name(next.destination) })}</h2>
              <p className="big">{t('staff.deadline', { time: i.time(next.deadline) })}</p>
              <a className="button secondary" href={navLink(i.name(next.destination), next.destination.lat, next.destination.lng)} target="_blank" rel="noreferrer">
                {t('staff.navigate')}
              </a>
              {awaiting ? null : next.status === 'picked_up' ? (
                <button type="button" className="primary huge" onClick={() => step(next, 'in-transit')} data-testid="main-action">
                  {t('staff.inTransit')}
                </button>
              ) : (
                <DeliverForm
                  key={next.id}
                  task={next}
                  onQueued={(pin) =>
                    outbox.add({
                      method: 'POST',
                      path: `/v1/luggage/courier/bookings/${next.id}/deliver`,
                      body: { pin },
                      label: `${next.reference} deliver`,
                      step: { kind: 'deliver', subject: next.reference },
                      timeField: 'occurredAt',
                    })
                  }
                />
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}

interface QueuedPickup {
  fields: Record<string, string>;
  photosId: string;
  occurredAt: string;
}

/**
 * One photo and one tag per bag. Queued like the other steps: the photos are kept in IndexedDB
 * and the pickup is sent (in order, with the time the button was pressed) once there is signal.
 */
function PickupForm({ task, onQueued }: { task: CourierTask; onQueued: (pickup: QueuedPickup) => void }) {
  const { t } = useI18n();
  const [photos, setPhotos] = useState<Array<File | null>>(() => Array.from({ length: task.bags.total }, () => null));
  // Kept in the tab: a refused pickup remounts this form, and the typed tags must not be lost.
  const [tags, setTagsState] = useState<string[]>(() => readPickupTags(task.id, task.bags.total));
  const setTags = (next: string[]) => {
    setTagsState(next);
    keepPickupTags(task.id, next);
  };
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputs = useRef<Array<HTMLInputElement | null>>([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (photos.some((p) => !p)) {
      setError(t('staff.photoPerBag'));
      return;
    }
    // The time the pickup really happened, before the photos are written.
    const occurredAt = new Date().toISOString();
    setBusy(true);
    setError(null);
    try {
      const photosId = await putPhotos(photos as File[]);
      onQueued({ fields: { bagCount: String(task.bags.total), tags: JSON.stringify(tags.map((x) => x.trim().toUpperCase())) }, photosId, occurredAt });
    } catch {
      setError(t('staff.photosNotKept'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      {photos.map((p, n) => (
        <fieldset key={n} className="bag">
          <legend>{t('staff.bag', { n: n + 1 })}</legend>
          <label>
            {t('staff.tag')}
            <input required value={tags[n]} name={`tag-${n}`} onChange={(e) => setTags(tags.map((x, k) => (k === n ? e.target.value : x)))} />
          </label>
          <label className="button secondary">
            {p ? t('staff.photoTaken') : t('staff.takePhoto')}
            <input
              ref={(el) => {
                inputs.current[n] = el;
              }}
              className="visually-hidden"
              type="file"
              accept="image/*"
              capture="environment"
              name={`photo-${n}`}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setPhotos(photos.map((x, k) => (k === n ? (e.target.files?.[0] ?? null) : x)))}
            />
          </label>
        </fieldset>
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary huge" disabled={busy} data-testid="main-action">
        {t('staff.pickedUp')}
      </button>
    </form>
  );
}

function DeliverForm({ task, onQueued }: { task: CourierTask; onQueued: (pin: string) => void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        onQueued(pin);
      }}
    >
      {task.handoverLocked && (
        <p className="error" role="alert">
          {t('staff.locked')}
        </p>
      )}
      <label>
        {t('staff.pin')}
        <input required inputMode="numeric" pattern="\d{6}" maxLength={6} value={pin} name="pin" onChange={(e) => setPin(e.target.value)} />
      </label>
      <button type="submit" className="primary huge" data-testid="main-action">
        {t('staff.deliver')}
      </button>
    </form>
  );
}
