import { useCallback, useEffect, useState } from 'react';
import { request } from '../../api';
import { Translate, useI18n } from '../../i18n';
import type { LiveState } from '../../live';
import { enqueue, flush, FlushResult, pending, QueuedAction, queueSummary } from '../../outbox';
import { forgetPickupTags } from '../../pickup-draft';
import { errorText, LiveIndicator, messageOr } from '../../shell';

/** A navigation link that opens the phone's map app (Kakao Map works on any phone browser). */
export const navLink = (name: string, lat: number, lng: number) =>
  `https://map.kakao.com/link/to/${encodeURIComponent(name)},${lat},${lng}`;

/** A step the server accepted, with the time its answer came: only these are shown as done. */
interface Confirmed {
  action: QueuedAction;
  at: string;
}

/** Shows what is waiting to be sent, and sends it whenever the network answers. */
export function useOutbox(onSent: () => void) {
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
  /** The refusal was answered (a dispatcher released the lock it reported): stop showing it. */
  const dismissRefusal = useCallback(() => setRefused(null), []);
  return { queued, refused, confirmed, stuck, add, run, dismissRefusal };
}

/** The step in the page's language (the stored label for actions queued by an older page). */
export function stepText(t: Translate, action: QueuedAction): string {
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

/** Shares the phone's position while the page is open (drivers: the van's; couriers: their own). */
export function useLocationSharing(path: string | null, withTime: boolean): 'on' | 'off' | 'denied' {
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

function QueueBanner({
  queued,
  refused,
  confirmed,
}: {
  queued: QueuedAction[];
  refused: FlushResult['refused'] | null;
  confirmed: Confirmed[];
}) {
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
          {t('staff.refused', {
            what: refused
              .map(
                (r) =>
                  `${stepText(t, r.action)}: ${r.error ? errorText(i, r.error) : messageOr(t, `code.${r.code}`, r.code)}`,
              )
              .join(', '),
          })}
        </p>
      )}
    </>
  );
}

/** The greeting, the live state and what is waiting to be sent: the top of both staff screens. */
export function StaffHeader({
  name,
  live,
  outbox,
}: {
  name: string;
  live: LiveState;
  outbox: Pick<Outbox, 'queued' | 'refused' | 'confirmed' | 'stuck'>;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="row between">
        <p className="greeting">{t('staff.hello', { name })}</p>
        <LiveIndicator state={outbox.stuck ? 'offline' : live} />
      </div>
      <QueueBanner queued={outbox.queued} refused={outbox.refused} confirmed={outbox.confirmed} />
    </>
  );
}

/** Whether the phone shares its position (the dispatchers see the van or courier move). */
export function LocationNote({ state }: { state: 'on' | 'off' | 'denied' }) {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {state === 'on' ? t('staff.locationOn') : state === 'denied' ? t('staff.locationDenied') : t('staff.locationOff')}
    </p>
  );
}

export type Outbox = ReturnType<typeof useOutbox>;
