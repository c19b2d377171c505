import { FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Ride, ShuttleAreaStops, VehiclePositionEvent } from '@app/contract';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { LiveState, signedIn, useLiveRecords, VersionBook, useLive } from '../../live';
import { LiveMap, MapPoint } from '../../map';
import { LiveIndicator, SignedInPage, StatusBadge, errorText, messageOr } from '../../shell';
import { PlaceSelect } from '../../components/place-select';
import { useSubmission } from '../../submit';
import { RiderSignUp } from './RiderSignUp';
import { seoulInstant, useNow, whenText } from '../../time';
import { applyRideStatus, OPEN_RIDE, rideStatusKey } from '../../status';

type Stop = ShuttleAreaStops['stops'][number];

export function RiderPage() {
  const { t } = useI18n();
  return (
    <SignedInPage
      title={t('rider.title')}
      roles={['rider']}
      signedOut={(onSignedIn) => <RiderSignUp onSignedIn={onSignedIn} />}
    >
      {(me) => <RiderHome areaId={me.areaIds[0]} name={me.displayName} />}
    </SignedInPage>
  );
}

function RiderHome({ areaId, name }: { areaId: string | undefined; name: string }) {
  const i = useI18n();
  const { t } = i;
  const [stops, setStops] = useState<Stop[]>([]);
  const { records: rides, upsert: upsertRides, applyEvent } = useLiveRecords<Ride>();
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  // One position per van: a rider with rides on two vans sees both.
  const [vans, setVans] = useState<ReadonlyMap<string, VehiclePositionEvent>>(new Map());
  const vanVersions = useRef(new VersionBook());

  const loadRides = useCallback(async () => {
    upsertRides(...(await api.get<Ride[]>('/v1/rides?scope=current')));
  }, [upsertRides]);

  useEffect(() => {
    if (!areaId) return;
    api
      .get<ShuttleAreaStops>(`/v1/shuttle/areas/${areaId}/stops`)
      .then((a) => setStops(a.stops))
      .catch((e: unknown) => setError(errorText(i, e)));
  }, [areaId]);

  useLive(
    () => signedIn({ onState: setLive, onReady: loadRides }),
    {
      'ride.status': (e) =>
        applyEvent(
          e.rideId,
          e.version,
          (r) => applyRideStatus(r, e),
          () => void loadRides().catch(() => undefined),
        ),
      'vehicle.position': (p) => {
        if (vanVersions.current.accept(p.vehicleId, p.version)) setVans((m) => new Map(m).set(p.vehicleId, p));
      },
    },
    [loadRides, applyEvent],
  );

  const active = [...rides.values()]
    .filter((r) => OPEN_RIDE.has(r.status))
    .sort((a, b) => a.requestedTime.localeCompare(b.requestedTime)); // soonest first
  return (
    <div className="stack">
      <div className="row between">
        <p className="greeting">{t('rider.hello', { name })}</p>
        <LiveIndicator state={live} />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {active.map((r) => (
        <RideCard key={r.id} ride={r} van={(r.vehicle && vans.get(r.vehicle.id)) ?? null} onChanged={loadRides} />
      ))}
      <BookForm stops={stops} onBooked={(r) => upsertRides(r)} statusOf={(id) => rides.get(id)?.status} />
    </div>
  );
}

function RideCard({
  ride,
  van,
  onChanged,
}: {
  ride: Ride;
  van: VehiclePositionEvent | null;
  onChanged: () => Promise<void>;
}) {
  const i = useI18n();
  const { t } = i;
  const now = useNow();
  const [error, setError] = useState<string | null>(null);
  const eta = ride.etaPickupAt ? Math.round((new Date(ride.etaPickupAt).getTime() - now) / 1000) : null;
  const points = useMemo<MapPoint[]>(() => {
    const p: MapPoint[] = [
      {
        id: 'pickup',
        lat: ride.pickup.lat,
        lng: ride.pickup.lng,
        label: i.name(ride.pickup.name),
        color: '#0a7d32',
        kind: 'stop',
      },
      {
        id: 'dropoff',
        lat: ride.dropoff.lat,
        lng: ride.dropoff.lng,
        label: i.name(ride.dropoff.name),
        color: '#b3261e',
        kind: 'stop',
      },
    ];
    if (van)
      p.push({
        id: van.vehicleId,
        lat: van.lat,
        lng: van.lng,
        label: ride.vehicle?.label ?? '',
        color: '#0b3d91',
        kind: 'van',
        short: /\d+/.exec(ride.vehicle?.label ?? '')?.[0] ?? 'V',
      });
    return p;
  }, [ride, van, i]);
  // A ref, not state: the second tap of a double tap comes before a re-render (it asked again and got 409).
  const cancelling = useRef(false);
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    if (cancelling.current) return;
    cancelling.current = true;
    setBusy(true);
    try {
      if (!window.confirm(t('rider.cancelConfirm'))) return;
      await api.post(`/v1/rides/${ride.id}/cancel`, { reason: 'cancelled by rider in the app' });
      await onChanged();
    } catch (e) {
      setError(errorText(i, e));
    } finally {
      cancelling.current = false;
      setBusy(false);
    }
  };
  return (
    <section
      className="card ride"
      aria-labelledby={`ride-${ride.id}`}
      data-testid="ride-card"
      data-ride-id={ride.id}
      data-status={ride.status}
    >
      <div className="row between">
        <h2 id={`ride-${ride.id}`}>
          {i.name(ride.pickup.name)} → {i.name(ride.dropoff.name)}
        </h2>
        <StatusBadge status={ride.status} label={t(rideStatusKey(ride.status))} />
      </div>
      {ride.vehicle ? (
        <p className="big" data-testid="ride-vehicle">
          {t('rider.vehicle', { label: ride.vehicle.label, plate: ride.vehicle.plate })}
        </p>
      ) : (
        <p className="muted">
          {ride.status === 'scheduled'
            ? t(ride.timeMode === 'arrive_by' ? 'rider.scheduledArrive' : 'rider.scheduledFor', {
                time: i.dateTime(ride.requestedTime),
              })
            : t('rider.waitingAssignment')}
        </p>
      )}
      {ride.promisedPickup && (
        <p>{t('rider.window', { from: i.time(ride.promisedPickup.from), to: i.time(ride.promisedPickup.to) })}</p>
      )}
      {eta !== null && ride.status !== 'on_board' && (
        <p className="countdown" aria-live="polite" data-testid="eta">
          {eta > 3600 ? (
            whenText(t, i.locale, ride.etaPickupAt!, now)
          ) : (
            <>
              {eta > 0
                ? t('rider.etaIn', { min: Math.floor(eta / 60), sec: String(eta % 60).padStart(2, '0') })
                : t('rider.etaNow')}
              <span className="muted"> ({i.time(ride.etaPickupAt)})</span>
            </>
          )}
        </p>
      )}
      {ride.rejection && (
        <p className="error" role="alert">
          {t('rider.rejected', { reason: messageOr(t, `reject.${ride.rejection.code}`, ride.rejection.reason) })}
        </p>
      )}
      <LiveMap points={points} label={t('map.label')} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {['scheduled', 'requested', 'assigned', 'arrived'].includes(ride.status) && (
        <button type="button" className="danger" onClick={() => void cancel()} disabled={busy}>
          {t('rider.cancel')}
        </button>
      )}
    </section>
  );
}

/** `statusOf`: the booked ride's current status, so that its confirmation goes once it is cancelled. */
function BookForm({
  stops,
  onBooked,
  statusOf,
}: {
  stops: Stop[];
  onBooked: (r: Ride) => void;
  statusOf: (rideId: string) => string | undefined;
}) {
  const i = useI18n();
  const { t } = i;
  const [pickup, setPickup] = useState('');
  const [dropoff, setDropoff] = useState('');
  const [passengers, setPassengers] = useState(1);
  const [mode, setMode] = useState<'now' | 'later'>('now');
  const [laterMode, setLaterMode] = useState<'depart_at' | 'arrive_by'>('depart_at');
  const [at, setAt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [booked, setBooked] = useState<Ride | null>(null);
  const { busy, send } = useSubmission();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const body =
      mode === 'now'
        ? { pickupStopId: pickup, dropoffStopId: dropoff, passengers, timeMode: 'now' }
        : { pickupStopId: pickup, dropoffStopId: dropoff, passengers, timeMode: laterMode, at: seoulInstant(at) };
    const ride = await send(
      (key) => api.post<Ride>('/v1/rides', body, { headers: { 'Idempotency-Key': key } }),
      (err) => setError(errorText(i, err)),
    );
    if (!ride) return;
    // Booked: an empty form, so that a further tap cannot book the same ride again.
    setBooked(ride);
    setPickup('');
    setDropoff('');
    setPassengers(1);
    setMode('now');
    setLaterMode('depart_at');
    setAt('');
    onBooked(ride);
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="book-title">
      <h2 id="book-title">{t('rider.book')}</h2>
      <PlaceSelect label={t('rider.pickup')} name="pickup" value={pickup} onChange={setPickup} places={stops} />
      <PlaceSelect label={t('rider.dropoff')} name="dropoff" value={dropoff} onChange={setDropoff} places={stops} />
      <label>
        {t('rider.passengers')}
        <input
          type="number"
          min={1}
          max={15}
          value={passengers}
          onChange={(e) => setPassengers(Number(e.target.value))}
          name="passengers"
        />
      </label>
      <fieldset className="segmented">
        <legend>{t('rider.when')}</legend>
        <label>
          <input type="radio" name="mode" checked={mode === 'now'} onChange={() => setMode('now')} /> {t('rider.now')}
        </label>
        <label>
          <input type="radio" name="mode" checked={mode === 'later'} onChange={() => setMode('later')} />{' '}
          {t('rider.later')}
        </label>
      </fieldset>
      {mode === 'later' && (
        <>
          <fieldset className="segmented">
            <legend>{t('rider.laterMode')}</legend>
            <label>
              <input
                type="radio"
                name="timeMode"
                value="depart_at"
                checked={laterMode === 'depart_at'}
                onChange={() => setLaterMode('depart_at')}
              />{' '}
              {t('board.whenDepart')}
            </label>
            <label>
              <input
                type="radio"
                name="timeMode"
                value="arrive_by"
                checked={laterMode === 'arrive_by'}
                onChange={() => setLaterMode('arrive_by')}
              />{' '}
              {t('board.whenArrive')}
            </label>
          </fieldset>
          <label>
            {t(laterMode === 'arrive_by' ? 'rider.arriveBy' : 'rider.departAt')}
            <input type="datetime-local" required value={at} onChange={(e) => setAt(e.target.value)} name="at" />
          </label>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {booked && !error && statusOf(booked.id) !== 'cancelled' && (
        <p className="success" role="status" data-testid="booking-confirmation">
          {t('rider.bookedNote', { from: i.name(booked.pickup.name), to: i.name(booked.dropoff.name) })}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('rider.submit')}
      </button>
    </form>
  );
}
