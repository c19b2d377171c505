import { FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, Me, session } from '../api';
import { useI18n } from '../i18n';
import { LiveState, useLiveRecords, VersionBook, useLive } from '../live';
import { LiveMap, MapPoint, MapRoute } from '../map';
import type { MessageKey } from '../messages';
import { LiveIndicator, SignedInPage, StatusBadge, errorText, messageOr } from '../shell';
import type { Translate } from '../i18n';
import { seoulDay, useNow } from '../time';
import { Ride, RideStatusEvent, rideStatusKey } from '../rides';
import { useSubmission } from '../submit';
import { CataloguePlace, luggageStatusKey } from './Track';

interface Area {
  id: string;
  code: string;
  name: { ko: string; en: string };
  kind: 'shuttle' | 'luggage';
}
interface Vehicle {
  id: string;
  areaId: string;
  plate: string;
  label: string;
  seats: number;
  homePlaceId: string | null;
  inService: boolean;
}
interface Shift {
  id: string;
  staffId: string;
  vehicleId: string;
  areaId: string;
  plannedStart: string;
  plannedEnd: string;
  status: string;
  startedAt: string | null;
}
interface Staff {
  id: string;
  userId: string;
  displayName: string;
  kind: string;
  phone: string;
}
/** A booking's own view of where it goes from or to; a home (an address the traveller gave) is not in the catalogue. */
interface BookingPlace {
  id: string;
  kind: 'hotel' | 'airport' | 'home';
  name: { ko: string; en: string };
  lat: number;
  lng: number;
  address: string | null;
}
interface Booking {
  id: string;
  reference: string;
  areaId: string;
  status: string;
  version: number;
  originPlaceId: string;
  destinationPlaceId: string;
  origin?: BookingPlace;
  destination?: BookingPlace;
  deadline: string;
  serviceDate: string;
  vehicleId: string | null;
  courierStaffId: string | null;
  plannedPickupAt: string | null;
  plannedDeliveryAt: string | null;
  atRisk: boolean;
  atRiskReason: string | null;
  /** The stable code of the risk: the text is ours, in the page's language (the reason is the server's English). */
  atRiskCode?: string | null;
  /** Five wrong PINs locked the handover until a dispatcher releases it. */
  handoverLocked: boolean;
  bags: { carry_on: number; suitcase: number; oversize: number };
}
/** GET /v1/dispatch/day-figures: the area's day counted in the database. */
interface DayFigures {
  areaId: string;
  date: string;
  shuttle: { served: number; rejected: number; cancelled: number; waitP50Min: number | null; waitP90Min: number | null; onTime: { onTime: number; of: number }; utilisation: number | null } | null;
  luggage: { delivered: number; failed: number; cancelled: number; onTime: { onTime: number; of: number } } | null;
}
/** Ride and booking statuses that change the day's figures. */
const FIGURE_RIDE = new Set(['on_board', 'completed', 'rejected', 'cancelled', 'no_show']);
const FIGURE_BAG = new Set(['delivered', 'failed', 'cancelled']);
interface Position {
  vehicleId: string;
  lat: number;
  lng: number;
  at: string;
  version: number;
}
interface Alert {
  id: string;
  kind: 'late_pickup' | 'deadline' | 'offline' | 'no_show' | 'pin_locked';
  text: string;
  at: number;
  /** A PIN lock the dispatcher can release from the alert. */
  locked?: Booking;
}

const OPEN_RIDE = new Set(['scheduled', 'requested', 'assigned', 'arrived', 'on_board']);
const OPEN_BAG = new Set(['booked', 'assigned', 'courier_en_route', 'picked_up', 'in_transit']);
const VAN_COLOURS = ['#1f5fbf', '#8a3ffc', '#007d79', '#b28600', '#d12771', '#198038'];
/** Homes (travellers' addresses) on the map. */
const HOME_COLOUR = '#ff832b';
/** A van on shift with no position for this long is shown as offline. */
const STALE_MS = 120_000;


export function BoardPage() {
  const { t } = useI18n();
  return (
    <SignedInPage title={t('board.title')} roles={['dispatcher', 'admin']} variant="desktop">
      {(me) => <Board me={me} />}
    </SignedInPage>
  );
}

/** A risk, said by its code in the page's language. */
function riskText(t: Translate, code: string | null | undefined): string {
  return code ? messageOr(t, `risk.${code}`, t('risk.unknown', { code })) : t('risk.unknown', { code: '—' });
}

/** A home reads as its address (what the courier goes by); other places by their name. */
function bookingPlaceLabel(p: BookingPlace, i: { t: (key: 'board.homeAt', vars: { address: string }) => string; name: (n: { ko: string; en: string }) => string }): string {
  return p.kind === 'home' ? i.t('board.homeAt', { address: p.address ?? i.name(p.name) }) : i.name(p.name);
}

function Board({ me }: { me: Me }) {
  const i = useI18n();
  const { t } = i;
  const now = useNow(5000);
  const [areas, setAreas] = useState<Area[]>([]);
  const [places, setPlaces] = useState<Map<string, CataloguePlace>>(new Map());
  const [vehicles, setVehicles] = useState<Vehicle[]>([]);
  const [shifts, setShifts] = useState<Shift[]>([]);
  const [staff, setStaff] = useState<Staff[]>([]);
  const { records: rides, upsert: upsertRides, applyEvent: applyRideEvent } = useLiveRecords<Ride>();
  const { records: bookings, upsert: upsertBookings, applyEvent: applyBookingEvent } = useLiveRecords<Booking>();
  const [positions, setPositions] = useState<Map<string, Position>>(new Map());
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [missing, setMissing] = useState<string[]>([]);
  const [live, setLive] = useState<LiveState>('connecting');
  const [snapshots, setSnapshots] = useState(0);
  const [moving, setMoving] = useState<Ride | null>(null);
  const [phoneOpen, setPhoneOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [figures, setFigures] = useState<Map<string, DayFigures>>(new Map());
  const figureTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const positionVersions = useRef(new VersionBook());
  /** The rides by id, for handlers that name a rider (the socket handlers are bound once). */
  const ridersRef = useRef<ReadonlyMap<string, Ride>>(new Map());
  const areasRef = useRef<Area[]>([]);

  /** The day's figures of an area, read again (a burst of events asks once). */
  const refreshFigures = useCallback((areaId: string, delayMs = 500) => {
    const timers = figureTimers.current;
    if (timers.has(areaId)) return;
    timers.set(
      areaId,
      setTimeout(() => {
        timers.delete(areaId);
        void api
          .get<DayFigures>(`/v1/dispatch/day-figures?areaId=${encodeURIComponent(areaId)}`)
          .then((f) => setFigures((m) => new Map(m).set(areaId, f)))
          .catch(() => undefined);
      }, delayMs),
    );
  }, []);
  useEffect(() => {
    // Utilisation moves with the clock: read again every minute as well.
    const id = setInterval(() => areasRef.current.forEach((a) => refreshFigures(a.id, 0)), 60_000);
    const timers = figureTimers.current;
    return () => {
      clearInterval(id);
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
    };
  }, [refreshFigures]);

  const alert = useCallback((a: Omit<Alert, 'at'>) => setAlerts((list) => [{ ...a, at: Date.now() }, ...list.filter((x) => x.id !== a.id)].slice(0, 50)), []);


  /** Reference data (areas, places, vans, shifts, staff) and the open work of every area. */
  const snapshot = useCallback(async () => {
    const all = await api.get<Area[]>('/v1/areas', { auth: false });
    const mine = me.role === 'admin' ? all : all.filter((a) => me.areaIds.includes(a.id));
    areasRef.current = mine;
    setAreas(mine);
    const [placeLists, vans, shiftList, staffList] = await Promise.all([
      Promise.all(mine.map((a) => api.get<CataloguePlace[]>(`/v1/areas/${a.id}/places`, { auth: false }))),
      api.get<Vehicle[]>('/v1/admin/vehicles'),
      api.get<Shift[]>(`/v1/admin/shifts?from=${encodeURIComponent(new Date().toISOString())}`),
      api.get<Staff[]>('/v1/admin/staff'),
    ]);
    setPlaces(new Map(placeLists.flat().map((p) => [p.id, p])));
    setVehicles(vans);
    setShifts(shiftList);
    setStaff(staffList);
    const gaps: string[] = [];
    for (const a of mine) {
      if (a.kind === 'shuttle') {
        try {
          const list = await api.get<Ride[]>(`/v1/dispatch/rides?areaId=${a.id}&scope=current`);
          upsertRides(...list);
        } catch (e) {
          if (e instanceof ApiError && (e.status === 404 || e.status === 405)) gaps.push('GET /v1/dispatch/rides?areaId&scope=current');
          else throw e;
        }
      } else {
        const list = await api.get<Booking[]>(`/v1/luggage/bookings?areaId=${a.id}`);
        upsertBookings(...list);
      }
    }
    const dayFigures = await Promise.all(mine.map((a) => api.get<DayFigures>(`/v1/dispatch/day-figures?areaId=${encodeURIComponent(a.id)}`).catch(() => null)));
    setFigures(new Map(dayFigures.flatMap((f) => (f ? [[f.areaId, f] as const] : []))));
    setMissing([...new Set(gaps)]);
    setSnapshots((n) => n + 1);
  }, [me, upsertRides, upsertBookings]);

  useLive(() => {
    const token = session()?.accessToken;
    return token
      ? {
      token,
      onState: setLive,
      onReady: () => snapshot().catch((e: unknown) => setError(errorText(i, e))),
      handlers: {
        'ride.status': (e: RideStatusEvent) => {
          applyRideEvent(
            e.rideId,
            e.version,
            (r) => ({
              ...r,
              status: e.status,
              version: e.version,
              vehicle: e.vehicle,
              promisedPickup: e.promisedPickup,
              etaPickupAt: e.eta.pickupAt,
              etaDropoffAt: e.eta.dropoffAt,
              times: { ...r.times, pickedUpAt: e.times.pickedUpAt, droppedOffAt: e.times.droppedOffAt },
            }),
            // A ride we have not seen: read it whole (the event lacks its stops).
            () => void api.get<Ride>(`/v1/rides/${e.rideId}`).then((full) => upsertRides(full)).catch(() => undefined),
          );
          if (FIGURE_RIDE.has(e.status)) refreshFigures(e.areaId);
          if (e.status === 'no_show') alert({ id: `noshow:${e.rideId}`, kind: 'no_show', text: t('alert.noShow', { name: ridersRef.current.get(e.rideId)?.riderName || t('board.unknownRider') }) });
        },
        'luggage.status': (e: { bookingId: string; version: number; status: string; etaAt: string | null; atRisk: boolean; reference: string; handoverLocked?: boolean }) => {
          if (FIGURE_BAG.has(e.status)) areasRef.current.filter((a) => a.kind === 'luggage').forEach((a) => refreshFigures(a.id));
          applyBookingEvent(
            e.bookingId,
            e.version,
            (b) => ({ ...b, status: e.status, version: e.version, atRisk: e.atRisk, handoverLocked: e.handoverLocked ?? b.handoverLocked }),
            () => {
              // New booking: the list read has what the event lacks (places, courier).
              const area = areasRef.current.find((a) => a.kind === 'luggage');
              if (area)
                void api
                  .get<Booking[]>(`/v1/luggage/bookings?areaId=${area.id}`)
                  .then((list) => upsertBookings(...list))
                  .catch(() => undefined);
            },
          );
        },
        'luggage.at_risk': (e: { bookingId: string; reference: string; reason: string; code?: string }) => {
          // A PIN lock is an alert of its own, derived from the booking (its luggage.status says so).
          if (e.code === 'HANDOVER_LOCKED') return;
          alert({ id: `risk:${e.bookingId}`, kind: 'deadline', text: t('alert.deadline', { ref: e.reference, reason: riskText(t, e.code) }) });
        },
        'vehicle.position': (p: Position) => {
          if (positionVersions.current.accept(p.vehicleId, p.version)) setPositions((m) => new Map(m).set(p.vehicleId, p));
        },
      },
    }
      : null;
  }, [snapshot, applyRideEvent, applyBookingEvent, upsertRides, upsertBookings, alert, refreshFigures]);

  const running = useMemo(() => shifts.filter((s) => s.status === 'active'), [shifts]);
  const vanState = useCallback(
    (v: Vehicle): 'off_service' | 'offline' | 'on_shift' | 'idle' => {
      if (!v.inService) return 'off_service';
      const shift = running.find((s) => s.vehicleId === v.id);
      if (!shift) return 'idle';
      const p = positions.get(v.id);
      if (p && now - new Date(p.at).getTime() > STALE_MS) return 'offline';
      return 'on_shift';
    },
    [running, positions, now],
  );

  const staffName = useCallback((id: string | null) => staff.find((s) => s.id === id)?.displayName ?? '—', [staff]);

  // Derived alerts: pickups about to be late, deadlines at risk, drivers gone quiet.
  const derived = useMemo<Alert[]>(() => {
    const list: Alert[] = [];
    for (const r of rides.values()) {
      if (!['assigned', 'requested'].includes(r.status) || !r.promisedPickup) continue;
      const latest = new Date(r.promisedPickup.to).getTime();
      const eta = r.etaPickupAt ? new Date(r.etaPickupAt).getTime() : null;
      if ((eta !== null && eta > latest) || latest - now < 2 * 60_000)
        list.push({ id: `late:${r.id}`, kind: 'late_pickup', text: t('alert.latePickup', { stop: i.name(r.pickup.name), time: i.time(r.promisedPickup.to) }), at: now });
    }
    for (const b of bookings.values()) {
      if (!OPEN_BAG.has(b.status)) continue;
      if (b.handoverLocked) list.push({ id: `pin:${b.id}`, kind: 'pin_locked', text: t('alert.pinLocked', { ref: b.reference, courier: staffName(b.courierStaffId) }), at: now, locked: b });
      if (b.atRisk) list.push({ id: `risk:${b.id}`, kind: 'deadline', text: t('alert.deadline', { ref: b.reference, reason: riskText(t, b.atRiskCode) }), at: now });
    }
    for (const v of vehicles) if (vanState(v) === 'offline') list.push({ id: `off:${v.id}`, kind: 'offline', text: t('alert.offline', { van: v.label }), at: now });
    return list;
  }, [rides, bookings, vehicles, vanState, now, t, i, staffName]);
  const allAlerts = [...derived, ...alerts.filter((a) => !derived.some((d) => d.id === a.id))];

  const rideList = [...rides.values()];
  ridersRef.current = rides;
  const bookingList = [...bookings.values()];
  const unassigned = rideList.filter((r) => r.status === 'requested' || (r.status === 'assigned' && derived.some((a) => a.id === `late:${r.id}`)));
  const activeRides = rideList.filter((r) => OPEN_RIDE.has(r.status) && !unassigned.includes(r));
  const riskyBags = bookingList.filter((b) => OPEN_BAG.has(b.status) && (b.atRisk || !b.courierStaffId));
  const activeBags = bookingList.filter((b) => OPEN_BAG.has(b.status) && !riskyBags.includes(b));

  // Today's figures come from the database (GET /v1/dispatch/day-figures), summed over the board's areas.
  const dayList = areas.map((a) => figures.get(a.id)).filter((f): f is DayFigures => !!f);
  const shuttleDays = dayList.flatMap((f) => (f.shuttle ? [f.shuttle] : []));
  const luggageDays = dayList.flatMap((f) => (f.luggage ? [f.luggage] : []));
  const sum = <T,>(list: T[], pick: (x: T) => number) => list.reduce((n, x) => n + pick(x), 0);
  // Waits and utilisation are per area; with one shuttle area (the usual board) they are that area's.
  const [firstShuttle] = shuttleDays;
  const minutes = (v: number | null | undefined) => (v === null || v === undefined ? '—' : t('fig.min', { n: v.toFixed(1) }));
  const ratio = (on: number, of: number) => (of ? `${on}/${of}` : '—');

  const vanColour = (v: Vehicle, n: number) => {
    const s = vanState(v);
    return s === 'off_service' ? '#6f6f6f' : s === 'offline' ? '#da1e28' : s === 'idle' ? '#8d8d8d' : VAN_COLOURS[n % VAN_COLOURS.length];
  };

  const mapPoints = useMemo<MapPoint[]>(() => {
    const pts: MapPoint[] = [];
    for (const p of places.values()) pts.push({ id: p.id, lat: p.lat, lng: p.lng, label: i.name(p.name), color: '#ffffff', kind: p.kind === 'stop' || areas.find((a) => a.id === p.areaId)?.kind === 'shuttle' ? 'stop' : 'place' });
    // Places of open deliveries that the catalogue does not list (travellers' homes): from the booking itself.
    const drawn = new Set(places.keys());
    for (const b of bookings.values()) {
      if (!OPEN_BAG.has(b.status)) continue;
      for (const own of [b.origin, b.destination]) {
        if (!own || drawn.has(own.id)) continue;
        drawn.add(own.id);
        pts.push({ id: own.id, lat: own.lat, lng: own.lng, label: bookingPlaceLabel(own, i), color: own.kind === 'home' ? HOME_COLOUR : '#ffffff', kind: 'place' });
      }
    }
    vehicles.forEach((v, n) => {
      const pos = positions.get(v.id);
      const home = v.homePlaceId ? places.get(v.homePlaceId) : undefined;
      const at = pos ?? home;
      if (at) pts.push({ id: v.id, lat: at.lat, lng: at.lng, label: `${v.label} (${t(`van.${vanState(v)}` as MessageKey)})`, color: vanColour(v, n), kind: 'van', short: /\d+/.exec(v.label)?.[0] ?? 'V' });
    });
    return pts;
  }, [places, bookings, vehicles, positions, areas, i, vanState]);

  const mapRoutes = useMemo<MapRoute[]>(() => {
    const routes: MapRoute[] = [];
    vehicles.forEach((v, n) => {
      const legs: Array<{ at: number; p: [number, number] }> = [];
      for (const r of rides.values()) {
        if (r.vehicle?.id !== v.id || !OPEN_RIDE.has(r.status)) continue;
        if (r.status !== 'on_board' && r.etaPickupAt) legs.push({ at: new Date(r.etaPickupAt).getTime(), p: [r.pickup.lat, r.pickup.lng] });
        if (r.etaDropoffAt) legs.push({ at: new Date(r.etaDropoffAt).getTime(), p: [r.dropoff.lat, r.dropoff.lng] });
      }
      for (const b of bookings.values()) {
        if (b.vehicleId !== v.id || !OPEN_BAG.has(b.status)) continue;
        const o = places.get(b.originPlaceId) ?? b.origin;
        const d = places.get(b.destinationPlaceId) ?? b.destination;
        if (o && b.plannedPickupAt && ['booked', 'assigned', 'courier_en_route'].includes(b.status)) legs.push({ at: new Date(b.plannedPickupAt).getTime(), p: [o.lat, o.lng] });
        if (d && b.plannedDeliveryAt) legs.push({ at: new Date(b.plannedDeliveryAt).getTime(), p: [d.lat, d.lng] });
      }
      if (!legs.length) return;
      const start = positions.get(v.id);
      const pts = legs.sort((a, b) => a.at - b.at).map((l) => l.p);
      routes.push({ id: v.id, color: vanColour(v, n), points: start ? [[start.lat, start.lng], ...pts] : pts });
    });
    return routes;
  }, [vehicles, rides, bookings, places, positions, vanState]);

  const cancelRide = async (r: Ride) => {
    const reason = window.prompt(t('board.cancelReason'));
    if (!reason) return;
    try {
      upsertRides(await api.post<Ride>(`/v1/rides/${r.id}/cancel`, { reason }));
    } catch (e) {
      setError(errorText(i, e));
    }
  };
  const cancelBooking = async (b: Booking) => {
    if (!window.confirm(t('board.cancelBookingConfirm', { ref: b.reference }))) return;
    try {
      await api.post(`/v1/luggage/bookings/${b.id}/cancel`);
    } catch (e) {
      setError(errorText(i, e));
    }
  };
  /** After the dispatcher checked the traveller another way (POST /v1/luggage/bookings/:id/release-handover). */
  const releaseHandover = async (b: Booking) => {
    if (!window.confirm(t('board.releaseConfirm', { ref: b.reference }))) return;
    setError(null);
    try {
      await api.post(`/v1/luggage/bookings/${b.id}/release-handover`);
      // The live event says so too; the list read is the truth if it was missed.
      upsertBookings(...(await api.get<Booking[]>(`/v1/luggage/bookings?areaId=${b.areaId}`)));
      setNotice(t('board.released', { ref: b.reference }));
    } catch (e) {
      setError(errorText(i, e));
    }
  };
  const offService = async (v: Vehicle) => {
    if (!window.confirm(t('board.offServiceConfirm', { van: v.label }))) return;
    try {
      await api.post(`/v1/admin/vehicles/${v.id}/out-of-service`, { reason: 'taken off service from the board' });
      setVehicles(await api.get<Vehicle[]>('/v1/admin/vehicles'));
    } catch (e) {
      setError(errorText(i, e));
    }
  };

  const shuttleArea = areas.find((a) => a.kind === 'shuttle');

  return (
    <div className="board" data-testid="board" data-snapshots={snapshots}>
      <div className="board-bar">
        <LiveIndicator state={live} />
        <button type="button" className="primary" onClick={() => setPhoneOpen(true)} disabled={!shuttleArea} data-testid="phone-booking">
          {t('board.phoneBooking')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="success" role="status" data-testid="board-notice">
          {notice}
        </p>
      )}
      {missing.length > 0 && (
        <p className="warning" role="status" data-testid="missing-endpoints">
          {t('board.missing', { what: missing.join(', ') })}
        </p>
      )}
      <section className="figures" aria-labelledby="fig-title">
        <h2 id="fig-title" className="visually-hidden">
          {t('board.figures')}
        </h2>
        <Figure id="served" label={t('fig.served')} value={shuttleDays.length ? String(sum(shuttleDays, (d) => d.served)) : '—'} />
        <Figure id="rejected" label={t('fig.rejected')} value={shuttleDays.length ? String(sum(shuttleDays, (d) => d.rejected)) : '—'} />
        <Figure id="wait-p50" label={t('fig.waitP50')} value={minutes(firstShuttle?.waitP50Min)} />
        <Figure id="wait-p90" label={t('fig.waitP90')} value={minutes(firstShuttle?.waitP90Min)} />
        <Figure id="on-time-pickups" label={t('fig.onTimePickups')} value={ratio(sum(shuttleDays, (d) => d.onTime.onTime), sum(shuttleDays, (d) => d.onTime.of))} />
        <Figure id="utilisation" label={t('fig.utilisation')} value={firstShuttle?.utilisation === null || firstShuttle === undefined ? '—' : `${Math.round(firstShuttle.utilisation * 100)}%`} />
        {luggageDays.length > 0 && <Figure id="on-time" label={t('fig.onTime')} value={ratio(sum(luggageDays, (d) => d.onTime.onTime), sum(luggageDays, (d) => d.onTime.of))} />}
      </section>
      <div className="board-main">
        <div className="board-map">
          <LiveMap points={mapPoints} routes={mapRoutes} label={t('board.map')} />
          <ul className="legend" aria-label={t('board.legend')}>
            <li><span className="sw" style={{ background: VAN_COLOURS[0] }} /> {t('van.on_shift')}</li>
            <li><span className="sw" style={{ background: '#8d8d8d' }} /> {t('van.idle')}</li>
            <li><span className="sw" style={{ background: '#da1e28' }} /> {t('van.offline')}</li>
            <li><span className="sw" style={{ background: '#6f6f6f' }} /> {t('van.off_service')}</li>
            <li><span className="sw" style={{ background: HOME_COLOUR }} /> {t('board.legendHome')}</li>
          </ul>
        </div>
        <div className="board-lists">
          <section aria-labelledby="alerts-title" className="panel">
            <h2 id="alerts-title">{t('board.alerts', { n: allAlerts.length })}</h2>
            <ul className="alerts" data-testid="alerts">
              {allAlerts.map((a) => (
                <li key={a.id} className={`alert alert-${a.kind}`} data-alert-kind={a.kind} data-booking-id={a.locked?.id}>
                  <strong>{t(`alert.kind.${a.kind}` as MessageKey)}</strong> {a.text}
                  {a.locked && (
                    <button type="button" className="small primary" onClick={() => void releaseHandover(a.locked!)} data-testid="release-handover">
                      {t('board.releaseHandover')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="attention-title" className="panel">
            <h2 id="attention-title">{t('board.attention', { n: unassigned.length + riskyBags.length })}</h2>
            <RideTable rides={unassigned} onMove={setMoving} onCancel={(r) => void cancelRide(r)} testId="unassigned" alsoListed={riskyBags.length > 0} />
            <BookingTable bookings={riskyBags} places={places} staffName={staffName} onCancel={(b) => void cancelBooking(b)} testId="risky-bookings" />
          </section>
          <section aria-labelledby="active-title" className="panel">
            <h2 id="active-title">{t('board.active', { n: activeRides.length + activeBags.length })}</h2>
            <RideTable rides={activeRides} onMove={setMoving} onCancel={(r) => void cancelRide(r)} testId="active-rides" alsoListed={activeBags.length > 0} />
            <BookingTable bookings={activeBags} places={places} staffName={staffName} onCancel={(b) => void cancelBooking(b)} testId="active-bookings" />
          </section>
          <section aria-labelledby="staff-title" className="panel">
            <h2 id="staff-title">{t('board.staff', { n: running.length })}</h2>
            <table className="table" data-testid="vans">
              <thead>
                <tr>
                  <th scope="col">{t('board.van')}</th>
                  <th scope="col">{t('board.driver')}</th>
                  <th scope="col">{t('board.state')}</th>
                  <th scope="col">{t('board.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {vehicles.map((v) => {
                  const shift = running.find((s) => s.vehicleId === v.id);
                  const state = vanState(v);
                  return (
                    <tr key={v.id} data-vehicle-id={v.id} data-state={state}>
                      <td>
                        {v.label} <span className="muted">{v.plate}</span>
                      </td>
                      <td>{shift ? staffName(shift.staffId) : '—'}</td>
                      <td>
                        <StatusBadge status={state} label={t(`van.${state}` as MessageKey)} />
                      </td>
                      <td>
                        {/* Admins, and dispatchers for vans of their own areas (POST /v1/admin/vehicles/:id/out-of-service). */}
                        {v.inService && (me.role === 'admin' || me.areaIds.includes(v.areaId)) && (
                          <button type="button" className="small" onClick={() => void offService(v)}>
                            {t('board.offService')}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        </div>
      </div>
      {moving && (
        <MoveDialog
          ride={moving}
          riderName={(id) => rides.get(id)?.riderName || t('board.unknownRider')}
          vans={vehicles.filter((v) => v.areaId === moving.areaId && v.inService && v.id !== moving.vehicle?.id)}
          onClose={() => setMoving(null)}
          onMoved={(r) => {
            if (r) upsertRides(r);
            setMoving(null);
          }}
        />
      )}
      {phoneOpen && shuttleArea && (
        <PhoneBookingDialog
          areaId={shuttleArea.id}
          stops={[...places.values()].filter((p) => p.areaId === shuttleArea.id)}
          onClose={() => setPhoneOpen(false)}
          onBooked={(r) => {
            upsertRides(r);
            setPhoneOpen(false);
            // The dialog closing alone reads as "nothing happened" and invites a second booking.
            setNotice(t(r.timeMode === 'now' ? 'board.phoneBookedNow' : r.timeMode === 'arrive_by' ? 'board.phoneBookedArrive' : 'board.phoneBookedDepart', { name: r.riderName, time: i.dateTime(r.requestedTime) }));
          }}
        />
      )}
    </div>
  );
}

function Figure({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="figure" data-testid={`fig-${id}`}>
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
    </div>
  );
}

/** `alsoListed`: the section shows other rows (bookings) below, so an empty ride list says nothing. */
function RideTable({ rides, onMove, onCancel, testId, alsoListed = false }: { rides: Ride[]; onMove: (r: Ride) => void; onCancel: (r: Ride) => void; testId: string; alsoListed?: boolean }) {
  const i = useI18n();
  const { t } = i;
  if (!rides.length) return alsoListed ? null : <p className="muted" data-testid={testId}>{t('board.none')}</p>;
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('board.trip')}</th>
          <th scope="col">{t('board.status')}</th>
          <th scope="col">{t('board.van')}</th>
          <th scope="col">{t('board.pickupEta')}</th>
          <th scope="col">{t('board.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {rides.map((r) => (
          <tr key={r.id} data-ride-id={r.id} data-status={r.status}>
            <td>
              <strong data-testid="ride-rider">{r.riderName}</strong> {i.name(r.pickup.name)} → {i.name(r.dropoff.name)} <span className="muted">×{r.passengers}{r.channel === 'phone' ? ` · ${t('board.byPhone')}` : ''}</span>
            </td>
            <td>
              <StatusBadge status={r.status} label={t(rideStatusKey(r.status))} />
            </td>
            <td data-testid="ride-van">{r.vehicle?.label ?? '—'}</td>
            <td>
              {r.status === 'scheduled' && !r.etaPickupAt ? i.dateTime(r.requestedTime) : i.time(r.etaPickupAt)}
              {r.promisedPickup && <span className="muted"> ({i.time(r.promisedPickup.from)}–{i.time(r.promisedPickup.to)})</span>}
            </td>
            <td className="actions">
              {['requested', 'assigned'].includes(r.status) && (
                <button type="button" className="small" onClick={() => onMove(r)} data-testid="move">
                  {r.vehicle ? t('board.move') : t('board.assign')}
                </button>
              )}
              {['scheduled', 'requested', 'assigned', 'arrived'].includes(r.status) && (
                <button type="button" className="small danger" onClick={() => onCancel(r)}>
                  {t('board.cancel')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BookingTable({ bookings, places, staffName, onCancel, testId }: { bookings: Booking[]; places: Map<string, CataloguePlace>; staffName: (id: string | null) => string; onCancel: (b: Booking) => void; testId: string }) {
  const i = useI18n();
  const { t } = i;
  if (!bookings.length) return null;
  const placeName = (id: string, own: BookingPlace | undefined) => {
    const p = places.get(id);
    if (p) return i.name(p.name);
    return own ? bookingPlaceLabel(own, i) : '—';
  };
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('board.delivery')}</th>
          <th scope="col">{t('board.status')}</th>
          <th scope="col">{t('board.courier')}</th>
          <th scope="col">{t('board.deadline')}</th>
          <th scope="col">{t('board.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {bookings.map((b) => (
          <tr key={b.id} data-booking-id={b.id} data-reference={b.reference} data-status={b.status}>
            <td>
              <strong>{b.reference}</strong> {placeName(b.originPlaceId, b.origin)} → {placeName(b.destinationPlaceId, b.destination)}
            </td>
            <td>
              <StatusBadge status={b.status} label={t(luggageStatusKey(b.status))} />
              {b.atRisk && <span className="badge badge-risk">{t('board.atRisk')}</span>}
              {b.handoverLocked && <span className="badge badge-risk">{t('board.pinLocked')}</span>}
            </td>
            <td>{staffName(b.courierStaffId)}</td>
            {/* Tomorrow's bookings share the list: a bare "21:00" would read as today. */}
            <td>{seoulDay(new Date(b.deadline)) === seoulDay() ? i.time(b.deadline) : i.dateTime(b.deadline)}</td>
            <td>
              {['booked', 'assigned', 'courier_en_route'].includes(b.status) && (
                <button type="button" className="small danger" onClick={() => onCancel(b)}>
                  {t('board.cancel')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface MovePreview {
  feasible: boolean;
  costDelta: number | null;
  /** The engine's reason code when infeasible (the `reason` sentence is English: not shown). */
  code: string | null;
  affected: Array<{ rideId: string; delayS: number }>;
  /** Sent back on confirm: the move is refused (PLAN_CHANGED) if a van was re-planned since. */
  planVersions?: Record<string, number>;
}

/**
 * Move (or assign) a ride to another van. The preview shows what it costs the riders already
 * on that van before the dispatcher confirms.
 */
function MoveDialog({ ride, riderName, vans, onClose, onMoved }: { ride: Ride; riderName: (rideId: string) => string; vans: Vehicle[]; onClose: () => void; onMoved: (r: Ride | null) => void }) {
  const i = useI18n();
  const { t } = i;
  const [vehicleId, setVehicleId] = useState('');
  const [preview, setPreview] = useState<MovePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const explain = (e: unknown) => (e instanceof ApiError && (e.status === 404 || e.status === 405) && e.code !== 'RIDE_NOT_FOUND' ? t('board.moveUnavailable') : errorText(i, e));
  const loadPreview = async (id: string) => {
    setVehicleId(id);
    setPreview(null);
    setError(null);
    if (!id) return;
    try {
      setPreview(await api.post<MovePreview>(`/v1/dispatch/rides/${ride.id}/move-preview`, { vehicleId: id }));
    } catch (e) {
      setError(explain(e));
    }
  };
  const confirm = async () => {
    try {
      onMoved(await api.post<Ride>(`/v1/dispatch/rides/${ride.id}/move`, { vehicleId, planVersions: preview?.planVersions }));
    } catch (e) {
      // The plans changed since the preview: show the new figures before another confirm.
      if (e instanceof ApiError && e.code === 'PLAN_CHANGED') await loadPreview(vehicleId);
      setError(explain(e));
    }
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="move-title" onClose={onClose} data-testid="move-dialog">
      <h2 id="move-title">{t('board.moveTitle', { trip: `${ride.riderName} · ${i.name(ride.pickup.name)} → ${i.name(ride.dropoff.name)}` })}</h2>
      <label>
        {t('board.toVan')}
        <select value={vehicleId} onChange={(e) => void loadPreview(e.target.value)} name="vehicle">
          <option value="">{t('form.choose')}</option>
          {vans.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label} ({v.plate})
            </option>
          ))}
        </select>
      </label>
      {preview && (
        <div className="preview" data-testid="move-preview">
          <p>{preview.feasible ? t('board.moveFeasible') : t('board.moveInfeasible')}</p>
          {!preview.feasible && preview.code && <p data-testid="move-why">{messageOr(t, `reject.${preview.code}`, preview.code)}</p>}
          {preview.costDelta !== null && <p>{t('board.moveCost', { n: Math.round(preview.costDelta / 60) })}</p>}
          <ul>
            {preview.affected.map((a) => (
              <li key={a.rideId}>{t('board.moveDelay', { name: riderName(a.rideId), min: Math.round(a.delayS / 60) })}</li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" disabled={!preview?.feasible} onClick={() => void confirm()} data-testid="move-confirm">
          {t('board.moveConfirm')}
        </button>
        <button type="button" onClick={onClose}>
          {t('form.close')}
        </button>
      </div>
    </dialog>
  );
}

function PhoneBookingDialog({ stops, onClose, onBooked }: { areaId: string; stops: CataloguePlace[]; onClose: () => void; onBooked: (r: Ride) => void }) {
  const i = useI18n();
  const { t } = i;
  const [form, setForm] = useState({ callerName: '', callerPhone: '', pickupStopId: '', dropoffStopId: '', passengers: 1 });
  const [when, setWhen] = useState<{ mode: 'now' | 'depart_at' | 'arrive_by'; date: string; time: string }>(() => ({ mode: 'now', date: seoulDay(), time: '' }));
  const [error, setError] = useState<string | null>(null);
  const { busy, send } = useSubmission();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const sorted = [...stops].sort((a, b) => i.name(a.name).localeCompare(i.name(b.name)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    // Seoul keeps +09:00 all year: the picked date and time are Seoul's whatever the PC's zone.
    const timing = when.mode === 'now' ? { timeMode: 'now' } : { timeMode: when.mode, at: new Date(`${when.date}T${when.time}:00+09:00`).toISOString() };
    const ride = await send((key) => api.post<Ride>('/v1/dispatch/rides', { ...form, ...timing }, { headers: { 'Idempotency-Key': key } }), (err) => setError(errorText(i, err)));
    if (ride) onBooked(ride);
  };
  const field = (k: 'callerName' | 'callerPhone', label: string, type = 'text') => (
    <label>
      {label}
      <input required type={type} value={form[k]} name={k} onChange={(e) => setForm({ ...form, [k]: e.target.value })} />
    </label>
  );
  const stopSelect = (k: 'pickupStopId' | 'dropoffStopId', label: string) => (
    <label>
      {label}
      <select required value={form[k]} name={k} onChange={(e) => setForm({ ...form, [k]: e.target.value })}>
        <option value="">{t('form.choose')}</option>
        {sorted.map((s) => (
          <option key={s.id} value={s.id}>
            {i.name(s.name)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="phone-title" onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <h2 id="phone-title">{t('board.phoneBooking')}</h2>
        {field('callerName', t('board.callerName'))}
        {field('callerPhone', t('board.callerPhone'), 'tel')}
        {stopSelect('pickupStopId', t('rider.pickup'))}
        {stopSelect('dropoffStopId', t('rider.dropoff'))}
        <label>
          {t('rider.passengers')}
          <input type="number" min={1} max={15} value={form.passengers} name="passengers" onChange={(e) => setForm({ ...form, passengers: Number(e.target.value) })} />
        </label>
        <fieldset className="segmented">
          <legend>{t('board.when')}</legend>
          {(['now', 'depart_at', 'arrive_by'] as const).map((mode) => (
            <label key={mode}>
              <input type="radio" name="timeMode" value={mode} checked={when.mode === mode} onChange={() => setWhen({ ...when, mode })} />
              {t(mode === 'now' ? 'board.whenNow' : mode === 'depart_at' ? 'board.whenDepart' : 'board.whenArrive')}
            </label>
          ))}
          {when.mode !== 'now' && (
            <div className="row">
              <label>
                {t('board.date')}
                <input required type="date" name="date" min={seoulDay()} value={when.date} onChange={(e) => setWhen({ ...when, date: e.target.value })} />
              </label>
              <button type="button" className="small" onClick={() => setWhen({ ...when, date: seoulDay(new Date(Date.now() + 86_400_000)) })} data-testid="tomorrow">
                {t('board.tomorrow')}
              </button>
              <label>
                {t('board.time')}
                <input required type="time" name="time" value={when.time} onChange={(e) => setWhen({ ...when, time: e.target.value })} />
              </label>
            </div>
          )}
        </fieldset>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {t('rider.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('form.close')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
