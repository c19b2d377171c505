import { useCallback, useEffect, useState } from 'react';
import type { Manifest, ManifestStop } from '@app/contract';
import { api, ApiError, Me } from '../../api';
import { useI18n } from '../../i18n';
import { LiveState, signedIn, useLive } from '../../live';
import type { MessageKey } from '../../messages';
import { errorText } from '../../shell';
import { LocationNote, navLink, StaffHeader, useLocationSharing, useOutbox } from './staff-shared';

export function DriverScreens({ me }: { me: Me }) {
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
      if (e instanceof ApiError && (e.is('SHIFT_NOT_ACTIVE') || e.status === 409)) setOnShift(false);
      else if (!(e instanceof ApiError)) setError(t('staff.offlineKeepGoing'));
      else setError(errorText(i, e));
    }
  }, []);
  const outbox = useOutbox(() => void load());
  const location = useLocationSharing(onShift ? '/v1/driver/location' : null, true);

  useLive(
    () => signedIn({ onState: setLive, onReady: load }),
    { 'manifest.updated': () => void load(), 'ride.status': () => void load() },
    [load],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const start = async () => {
    setError(null);
    try {
      await api.post('/v1/driver/shifts/start', {});
      await load();
    } catch (e) {
      setError(e instanceof ApiError && e.is('NO_SHIFT') ? t('staff.noShift') : errorText(i, e));
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
              .map((s) =>
                s === stop && action === 'arrive' ? { ...s, rider: { ...s.rider, status: 'arrived' as const } } : s,
              )
              .filter((s) => !(s === stop && action !== 'arrive')),
          }
        : m,
    );
  };

  return (
    <div className="stack staff">
      <StaffHeader name={me.displayName} live={live} outbox={outbox} />
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
          <LocationNote state={location} />
          {next ? (
            <section
              className="card next"
              aria-labelledby="next-title"
              data-testid="next-stop"
              data-ride-id={next.rider.rideId}
              data-kind={next.kind}
            >
              <p className="eyebrow">{next.kind === 'pickup' ? t('staff.nextPickup') : t('staff.nextDropoff')}</p>
              <h2 id="next-title">{i.name(next.placeName)}</h2>
              <p className="big">
                {next.rider.name} · {t('staff.passengers', { n: next.rider.passengers })}
                {next.rider.needs.includes('wheelchair') && ` · ${t('staff.wheelchair')}`}
              </p>
              <p className="big">{t('staff.eta', { time: i.time(next.eta) })}</p>
              <a
                className="button secondary"
                href={navLink(i.name(next.placeName), next.lat, next.lng)}
                target="_blank"
                rel="noreferrer"
              >
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
                  <strong>{i.time(s.eta)}</strong>{' '}
                  {s.kind === 'pickup' ? t('staff.pickupShort') : t('staff.dropoffShort')} · {i.name(s.placeName)} ·{' '}
                  {s.rider.name}
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

function MainDriverAction({
  stop,
  onAct,
}: {
  stop: ManifestStop;
  onAct: (s: ManifestStop, a: 'arrive' | 'pickup' | 'dropoff' | 'no-show') => void;
}) {
  const { t } = useI18n();
  const action = actionFor(stop);
  const labels: Record<'arrive' | 'pickup' | 'dropoff', MessageKey> = {
    arrive: 'staff.arrive',
    pickup: 'staff.pickup',
    dropoff: 'staff.dropoff',
  };
  const noShowOk =
    stop.rider.status === 'arrived' &&
    stop.rider.noShowAllowedAt !== null &&
    new Date(stop.rider.noShowAllowedAt).getTime() <= Date.now();
  return (
    <>
      {action && (
        <button
          type="button"
          className="primary huge"
          onClick={() => onAct(stop, action)}
          data-testid="main-action"
          data-action={action}
        >
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
