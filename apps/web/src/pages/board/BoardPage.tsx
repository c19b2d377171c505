import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  AdminShift,
  AdminStaff,
  AdminVehicle,
  CataloguePlace,
  DayFigures,
  LuggageBookingView,
  Ride,
  ServiceArea,
  VehiclePositionEvent,
} from '@app/contract';
import { api, ApiError, Me } from '../../api';
import { useI18n } from '../../i18n';
import { LiveState, signedIn, useLiveRecords, VersionBook, useLive } from '../../live';
import { LiveMap, MapPoint, MapRoute } from '../../map';
import type { MessageKey } from '../../messages';
import { LiveIndicator, SignedInPage, StatusBadge, errorText } from '../../shell';
import { applyLuggageStatus, applyRideStatus, OPEN_BOOKING as OPEN_BAG, OPEN_RIDE } from '../../status';
import { useNow } from '../../time';
import {
  Alert,
  bookingPlaceLabel,
  FIGURE_BAG,
  FIGURE_RIDE,
  HOME_COLOUR,
  riskText,
  STALE_MS,
  VAN_COLOURS,
} from './board-model';
import { BookingTable } from './booking-table';
import { DayFiguresPanel } from './day-figures';
import { MoveDialog } from './move-dialog';
import { PhoneBookingDialog } from './phone-booking-dialog';
import { RideTable } from './ride-table';

// The board's words for the contract's shapes.
type Area = ServiceArea;
type Vehicle = AdminVehicle;
type Booking = LuggageBookingView;
type Position = VehiclePositionEvent;

export function BoardPage() {
  const { t } = useI18n();
  return (
    <SignedInPage title={t('board.title')} roles={['dispatcher', 'admin']} variant="desktop">
      {(me) => <Board me={me} />}
    </SignedInPage>
  );
}

function Board({ me }: { me: Me }) {
  const i = useI18n();
  const { t } = i;
  const now = useNow(5000);
  const [areas, setAreas] = useState<Area[]>([]);
  const [places, setPlaces] = useState<Map<string, CataloguePlace>>(new Map());
  const [vehicles, setVehicles] = useState<Vehicle[]>([]);
  const [shifts, setShifts] = useState<AdminShift[]>([]);
  const [staff, setStaff] = useState<AdminStaff[]>([]);
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

  const alert = useCallback(
    (a: Omit<Alert, 'at'>) =>
      setAlerts((list) => [{ ...a, at: Date.now() }, ...list.filter((x) => x.id !== a.id)].slice(0, 50)),
    [],
  );

  /** Reference data (areas, places, vans, shifts, staff) and the open work of every area. */
  const snapshot = useCallback(async () => {
    // The simulator's own areas too (the travellers' pages leave them out): the board shows all it dispatches.
    const all = await api.get<Area[]>('/v1/areas?simulation=include', { auth: false });
    const mine = me.role === 'admin' ? all : all.filter((a) => me.areaIds.includes(a.id));
    areasRef.current = mine;
    setAreas(mine);
    const [placeLists, vans, shiftList, staffList] = await Promise.all([
      Promise.all(mine.map((a) => api.get<CataloguePlace[]>(`/v1/areas/${a.id}/places`, { auth: false }))),
      api.get<Vehicle[]>('/v1/admin/vehicles'),
      api.get<AdminShift[]>(`/v1/admin/shifts?from=${encodeURIComponent(new Date().toISOString())}`),
      api.get<AdminStaff[]>('/v1/admin/staff'),
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
          if (e instanceof ApiError && (e.status === 404 || e.status === 405))
            gaps.push('GET /v1/dispatch/rides?areaId&scope=current');
          else throw e;
        }
      } else {
        const list = await api.get<Booking[]>(`/v1/luggage/bookings?areaId=${a.id}`);
        upsertBookings(...list);
      }
    }
    const dayFigures = await Promise.all(
      mine.map((a) =>
        api.get<DayFigures>(`/v1/dispatch/day-figures?areaId=${encodeURIComponent(a.id)}`).catch(() => null),
      ),
    );
    setFigures(new Map(dayFigures.flatMap((f) => (f ? [[f.areaId, f] as const] : []))));
    setMissing([...new Set(gaps)]);
    setSnapshots((n) => n + 1);
  }, [me, upsertRides, upsertBookings]);

  useLive(
    () => signedIn({ onState: setLive, onReady: () => snapshot().catch((e: unknown) => setError(errorText(i, e))) }),
    {
      'ride.status': (e) => {
        applyRideEvent(
          e.rideId,
          e.version,
          (r) => applyRideStatus(r, e),
          // A ride we have not seen: read it whole (the event lacks its stops).
          () =>
            void api
              .get<Ride>(`/v1/rides/${e.rideId}`)
              .then((full) => upsertRides(full))
              .catch(() => undefined),
        );
        if (FIGURE_RIDE.has(e.status)) refreshFigures(e.areaId);
        if (e.status === 'no_show')
          alert({
            id: `noshow:${e.rideId}`,
            kind: 'no_show',
            text: t('alert.noShow', { name: ridersRef.current.get(e.rideId)?.riderName || t('board.unknownRider') }),
          });
      },
      'luggage.status': (e) => {
        if (FIGURE_BAG.has(e.status))
          areasRef.current.filter((a) => a.kind === 'luggage').forEach((a) => refreshFigures(a.id));
        applyBookingEvent(
          e.bookingId,
          e.version,
          (b) => applyLuggageStatus(b, e),
          () => {
            // New booking: the list read has what the event lacks (places); the event does not say its area.
            for (const area of areasRef.current.filter((a) => a.kind === 'luggage'))
              void api
                .get<Booking[]>(`/v1/luggage/bookings?areaId=${area.id}`)
                .then((list) => upsertBookings(...list))
                .catch(() => undefined);
          },
        );
      },
      'luggage.at_risk': (e) => {
        // A PIN lock is an alert of its own, derived from the booking (its luggage.status says so).
        if (e.code === 'HANDOVER_LOCKED') return;
        alert({
          id: `risk:${e.bookingId}`,
          kind: 'deadline',
          text: t('alert.deadline', { ref: e.reference, reason: riskText(t, e.code) }),
        });
      },
      'vehicle.position': (p) => {
        if (positionVersions.current.accept(p.vehicleId, p.version))
          setPositions((m) => new Map(m).set(p.vehicleId, p));
      },
    },
    [snapshot, applyRideEvent, applyBookingEvent, upsertRides, upsertBookings, alert, refreshFigures],
  );

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
        list.push({
          id: `late:${r.id}`,
          kind: 'late_pickup',
          text: t('alert.latePickup', { stop: i.name(r.pickup.name), time: i.time(r.promisedPickup.to) }),
          at: now,
        });
    }
    for (const b of bookings.values()) {
      if (!OPEN_BAG.has(b.status)) continue;
      if (b.handoverLocked)
        list.push({
          id: `pin:${b.id}`,
          kind: 'pin_locked',
          text: t('alert.pinLocked', { ref: b.reference, courier: staffName(b.courierStaffId) }),
          at: now,
          locked: b,
        });
      if (b.atRisk)
        list.push({
          id: `risk:${b.id}`,
          kind: 'deadline',
          text: t('alert.deadline', { ref: b.reference, reason: riskText(t, b.atRiskCode) }),
          at: now,
        });
    }
    for (const v of vehicles)
      if (vanState(v) === 'offline')
        list.push({ id: `off:${v.id}`, kind: 'offline', text: t('alert.offline', { van: v.label }), at: now });
    return list;
  }, [rides, bookings, vehicles, vanState, now, t, i, staffName]);
  const allAlerts = [...derived, ...alerts.filter((a) => !derived.some((d) => d.id === a.id))];

  const rideList = [...rides.values()];
  ridersRef.current = rides;
  const bookingList = [...bookings.values()];
  const unassigned = rideList.filter(
    (r) => r.status === 'requested' || (r.status === 'assigned' && derived.some((a) => a.id === `late:${r.id}`)),
  );
  const activeRides = rideList.filter((r) => OPEN_RIDE.has(r.status) && !unassigned.includes(r));
  const riskyBags = bookingList.filter((b) => OPEN_BAG.has(b.status) && (b.atRisk || !b.courierStaffId));
  const activeBags = bookingList.filter((b) => OPEN_BAG.has(b.status) && !riskyBags.includes(b));

  const vanColour = (v: Vehicle, n: number) => {
    const s = vanState(v);
    return s === 'off_service'
      ? '#6f6f6f'
      : s === 'offline'
        ? '#da1e28'
        : s === 'idle'
          ? '#8d8d8d'
          : VAN_COLOURS[n % VAN_COLOURS.length];
  };

  const mapPoints = useMemo<MapPoint[]>(() => {
    const pts: MapPoint[] = [];
    for (const p of places.values())
      pts.push({
        id: p.id,
        lat: p.lat,
        lng: p.lng,
        label: i.name(p.name),
        color: '#ffffff',
        kind: p.kind === 'stop' || areas.find((a) => a.id === p.areaId)?.kind === 'shuttle' ? 'stop' : 'place',
      });
    // Places of open deliveries that the catalogue does not list (travellers' homes): from the booking itself.
    const drawn = new Set(places.keys());
    for (const b of bookings.values()) {
      if (!OPEN_BAG.has(b.status)) continue;
      for (const own of [b.origin, b.destination]) {
        if (!own || drawn.has(own.id)) continue;
        drawn.add(own.id);
        pts.push({
          id: own.id,
          lat: own.lat,
          lng: own.lng,
          label: bookingPlaceLabel(own, i),
          color: own.kind === 'home' ? HOME_COLOUR : '#ffffff',
          kind: 'place',
        });
      }
    }
    vehicles.forEach((v, n) => {
      const pos = positions.get(v.id);
      const home = v.homePlaceId ? places.get(v.homePlaceId) : undefined;
      const at = pos ?? home;
      if (at)
        pts.push({
          id: v.id,
          lat: at.lat,
          lng: at.lng,
          label: `${v.label} (${t(`van.${vanState(v)}` as MessageKey)})`,
          color: vanColour(v, n),
          kind: 'van',
          short: /\d+/.exec(v.label)?.[0] ?? 'V',
        });
    });
    return pts;
  }, [places, bookings, vehicles, positions, areas, i, vanState]);

  const mapRoutes = useMemo<MapRoute[]>(() => {
    const routes: MapRoute[] = [];
    vehicles.forEach((v, n) => {
      const legs: Array<{ at: number; p: [number, number] }> = [];
      for (const r of rides.values()) {
        if (r.vehicle?.id !== v.id || !OPEN_RIDE.has(r.status)) continue;
        if (r.status !== 'on_board' && r.etaPickupAt)
          legs.push({ at: new Date(r.etaPickupAt).getTime(), p: [r.pickup.lat, r.pickup.lng] });
        if (r.etaDropoffAt) legs.push({ at: new Date(r.etaDropoffAt).getTime(), p: [r.dropoff.lat, r.dropoff.lng] });
      }
      for (const b of bookings.values()) {
        if (b.vehicleId !== v.id || !OPEN_BAG.has(b.status)) continue;
        const o = places.get(b.originPlaceId) ?? b.origin;
        const d = places.get(b.destinationPlaceId) ?? b.destination;
        if (o && b.plannedPickupAt && ['booked', 'assigned', 'courier_en_route'].includes(b.status))
          legs.push({ at: new Date(b.plannedPickupAt).getTime(), p: [o.lat, o.lng] });
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
        <button
          type="button"
          className="primary"
          onClick={() => setPhoneOpen(true)}
          disabled={!shuttleArea}
          data-testid="phone-booking"
        >
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
      <DayFiguresPanel figures={areas.map((a) => figures.get(a.id)).filter((f): f is DayFigures => !!f)} />
      <div className="board-main">
        <div className="board-map">
          <LiveMap points={mapPoints} routes={mapRoutes} label={t('board.map')} />
          <ul className="legend" aria-label={t('board.legend')}>
            <li>
              <span className="sw" style={{ background: VAN_COLOURS[0] }} /> {t('van.on_shift')}
            </li>
            <li>
              <span className="sw" style={{ background: '#8d8d8d' }} /> {t('van.idle')}
            </li>
            <li>
              <span className="sw" style={{ background: '#da1e28' }} /> {t('van.offline')}
            </li>
            <li>
              <span className="sw" style={{ background: '#6f6f6f' }} /> {t('van.off_service')}
            </li>
            <li>
              <span className="sw" style={{ background: HOME_COLOUR }} /> {t('board.legendHome')}
            </li>
          </ul>
        </div>
        <div className="board-lists">
          <section aria-labelledby="alerts-title" className="panel">
            <h2 id="alerts-title">{t('board.alerts', { n: allAlerts.length })}</h2>
            <ul className="alerts" data-testid="alerts">
              {allAlerts.map((a) => (
                <li
                  key={a.id}
                  className={`alert alert-${a.kind}`}
                  data-alert-kind={a.kind}
                  data-booking-id={a.locked?.id}
                >
                  <strong>{t(`alert.kind.${a.kind}` as MessageKey)}</strong> {a.text}
                  {a.locked && (
                    <button
                      type="button"
                      className="small primary"
                      onClick={() => void releaseHandover(a.locked!)}
                      data-testid="release-handover"
                    >
                      {t('board.releaseHandover')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="attention-title" className="panel">
            <h2 id="attention-title">{t('board.attention', { n: unassigned.length + riskyBags.length })}</h2>
            {/* "None" from the same lists as the count and the rows: not above a table of at-risk bookings. */}
            {unassigned.length + riskyBags.length === 0 && (
              <p className="muted" data-testid="attention-none">
                {t('board.none')}
              </p>
            )}
            <RideTable rides={unassigned} onMove={setMoving} onCancel={(r) => void cancelRide(r)} testId="unassigned" />
            <BookingTable
              bookings={riskyBags}
              places={places}
              staffName={staffName}
              onCancel={(b) => void cancelBooking(b)}
              testId="risky-bookings"
            />
          </section>
          <section aria-labelledby="active-title" className="panel">
            <h2 id="active-title">{t('board.active', { n: activeRides.length + activeBags.length })}</h2>
            {activeRides.length + activeBags.length === 0 && (
              <p className="muted" data-testid="active-none">
                {t('board.none')}
              </p>
            )}
            <RideTable
              rides={activeRides}
              onMove={setMoving}
              onCancel={(r) => void cancelRide(r)}
              testId="active-rides"
            />
            <BookingTable
              bookings={activeBags}
              places={places}
              staffName={staffName}
              onCancel={(b) => void cancelBooking(b)}
              testId="active-bookings"
            />
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
            setNotice(
              t(
                r.timeMode === 'now'
                  ? 'board.phoneBookedNow'
                  : r.timeMode === 'arrive_by'
                    ? 'board.phoneBookedArrive'
                    : 'board.phoneBookedDepart',
                { name: r.riderName, time: i.dateTime(r.requestedTime) },
              ),
            );
          }}
        />
      )}
    </div>
  );
}
