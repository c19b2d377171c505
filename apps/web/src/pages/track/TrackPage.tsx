import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Tracking } from '@app/contract';
import { api, ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { LiveState, VersionBook, useLive } from '../../live';
import { LiveMap, MapPoint } from '../../map';
import { errorText, LiveIndicator, Shell, StatusBadge } from '../../shell';
import { luggageStatusKey } from '../../status';
import { useNow, whenText } from '../../time';
import { rememberedPin } from '../../components/pin-store';

/** The traveller's page behind the tracking link: no login, the token is the credential. */
export function TrackPage({ token }: { token: string }) {
  const i = useI18n();
  const { t } = i;
  const now = useNow();
  const [data, setData] = useState<Tracking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  const versions = useRef(new VersionBook());

  const load = useCallback(async () => {
    try {
      const d = await api.get<Tracking>(`/v1/tracking/${encodeURIComponent(token)}`, { auth: false });
      versions.current.accept('booking', d.version);
      setData(d);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('track.notFound') : errorText(i, e));
    }
  }, [token]);

  useLive(
    () => ({ trackingToken: token, onState: setLive, onReady: load }),
    {
      'luggage.status': (e) => {
        // Status events carry less than the tracking read (steps, courier): re-read on news.
        if (versions.current.get('booking') === undefined || (versions.current.get('booking') ?? 0) < e.version)
          void load();
      },
      'luggage.position': (p) => {
        if (!versions.current.accept('position', p.version)) return;
        setData((d) =>
          d
            ? {
                ...d,
                etaAt: p.etaAt ?? d.etaAt,
                courier: {
                  firstName: d.courier?.firstName ?? '',
                  phone: d.courier?.phone ?? null,
                  position: { lat: p.lat, lng: p.lng, at: p.at },
                },
              }
            : d,
        );
      },
    },
    [token, load],
  );
  useEffect(() => {
    void load();
  }, [token, load]);

  // A link may carry the PIN in its fragment (#pin=…): fragments never reach a server.
  const fragmentPin = /(?:^#|&)pin=(\d{6})/.exec(window.location.hash)?.[1] ?? null;
  const pin = data ? (fragmentPin ?? rememberedPin(data.reference)) : null;
  const points = useMemo<MapPoint[]>(() => {
    if (!data) return [];
    const p: MapPoint[] = [];
    // The booking's own places carry their points (a home is in no catalogue).
    p.push({
      id: 'origin',
      lat: data.origin.lat,
      lng: data.origin.lng,
      label: i.name(data.origin),
      color: '#0a7d32',
      kind: 'place',
    });
    p.push({
      id: 'destination',
      lat: data.destination.lat,
      lng: data.destination.lng,
      label: i.name(data.destination),
      color: '#b3261e',
      kind: 'place',
    });
    if (data.courier?.position)
      p.push({
        id: 'courier',
        lat: data.courier.position.lat,
        lng: data.courier.position.lng,
        label: data.courier.firstName,
        color: '#0b3d91',
        kind: 'courier',
      });
    return p;
  }, [data, i]);

  return (
    <Shell title={t('track.title')}>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <div className="stack">
          <section className="card" aria-labelledby="track-ref" data-testid="tracking" data-status={data.status}>
            <div className="row between">
              <h2 id="track-ref">{t('track.reference', { ref: data.reference })}</h2>
              <LiveIndicator state={live} />
            </div>
            <p className="big">
              <StatusBadge status={data.status} label={t(luggageStatusKey(data.status))} />
            </p>
            <p>
              {i.name(data.origin)} → {i.name(data.destination)} · {t('track.bags', { n: data.bags })}
            </p>
            {data.etaAt && (
              <p className="countdown" aria-live="polite" data-testid="eta">
                {data.status === 'picked_up' || data.status === 'in_transit'
                  ? t('track.etaDelivery')
                  : t('track.etaPickup')}
                : {whenText(t, i.locale, data.etaAt, now)}
              </p>
            )}
            {/* Until the bags are collected, the window the traveller must be there for. */}
            {['booked', 'assigned', 'courier_en_route'].includes(data.status) && (
              <p data-testid="track-window">
                {t('travel.pickupWindow', {
                  from: i.dateTime(data.pickupWindow.start),
                  to: i.time(data.pickupWindow.end),
                })}
              </p>
            )}
            <p>{t('track.deadline', { time: i.dateTime(data.deadline) })}</p>
            {data.atRisk && (
              <p className="warning" role="alert">
                {t('track.atRisk')}
              </p>
            )}
            {data.courier && <p>{t('track.courier', { name: data.courier.firstName })}</p>}
            {data.courier?.phone && (
              <a
                className="button"
                href={`tel:${data.courier.phone.replace(/[^0-9+]/g, '')}`}
                data-testid="courier-phone"
              >
                {t('track.callCourier', { phone: data.courier.phone })}
              </a>
            )}
          </section>
          {data.cancellation.allowed && (
            <CancelBooking token={token} feeKrw={data.cancellation.feeKrw} onCancelled={load} />
          )}
          <section className="card pin" aria-labelledby="pin-title">
            <h2 id="pin-title">{t('track.pinTitle')}</h2>
            {pin ? (
              <p className="pin-code" data-testid="pin">
                {pin}
              </p>
            ) : (
              <p className="muted">{t('track.pinHidden')}</p>
            )}
            <p className="muted">{t('track.pinHint')}</p>
          </section>
          <LiveMap points={points} label={t('map.label')} />
          <section className="card" aria-labelledby="steps-title">
            <h2 id="steps-title">{t('track.steps')}</h2>
            <ol className="steps">
              {data.steps.map((s, n) => (
                <li key={n}>
                  <span>{i.dateTime(s.at)}</span> <strong>{t(luggageStatusKey(s.type))}</strong>
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </Shell>
  );
}

/** Cancel within the rules: free until the courier sets off, then the fee the tracking read names. */
function CancelBooking({
  token,
  feeKrw,
  onCancelled,
}: {
  token: string;
  feeKrw: number;
  onCancelled: () => Promise<void>;
}) {
  const i = useI18n();
  const { t } = i;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const note = feeKrw > 0 ? t('track.cancelFee', { fee: i.won(feeKrw) }) : t('track.cancelFree');
  const cancel = async () => {
    if (!window.confirm(`${t('track.cancelConfirm')} ${note}`)) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/v1/tracking/${encodeURIComponent(token)}/cancel`, {}, { auth: false });
      await onCancelled();
    } catch (e) {
      setError(errorText(i, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="cancel-title" data-testid="cancel-booking">
      <h2 id="cancel-title">{t('track.cancelTitle')}</h2>
      <p>{note}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="danger" onClick={() => void cancel()} disabled={busy}>
        {t('track.cancel')}
      </button>
    </section>
  );
}
