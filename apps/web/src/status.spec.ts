import type { LuggageBookingView, LuggageStatusEvent, Ride, RideStatusEvent } from '@app/contract';
import { applyLuggageStatus, applyRideStatus, luggageStatusKey, rideStatusKey } from './status';

const ride: Ride = {
  id: 'r1',
  areaId: 'a1',
  status: 'requested',
  version: 3,
  channel: 'app',
  pickup: { id: 'p1', name: { ko: '검단오류역', en: 'Geomdan-Oryu Station' }, lat: 37.59, lng: 126.63 },
  dropoff: { id: 'p2', name: { ko: '정문', en: 'Main gate' }, lat: 37.6, lng: 126.64 },
  riderName: 'Kim',
  passengers: 2,
  needs: [],
  timeMode: 'now',
  requestedTime: '2026-12-04T00:00:00.000Z',
  vehicle: null,
  promisedPickup: null,
  etaPickupAt: null,
  etaDropoffAt: null,
  times: {
    requestedAt: '2026-12-04T00:00:00.000Z',
    assignedAt: null,
    arrivedAt: null,
    pickedUpAt: null,
    droppedOffAt: null,
    cancelledAt: null,
  },
  cancelReason: null,
  lateCancel: false,
  rejection: null,
};

const assigned: RideStatusEvent = {
  version: 4,
  rideId: 'r1',
  areaId: 'a1',
  status: 'assigned',
  times: {
    requestedAt: '2026-12-04T00:00:00.000Z',
    arrivedAt: '2026-12-04T00:06:00.000Z',
    pickedUpAt: null,
    droppedOffAt: null,
    cancelledAt: null,
  },
  vehicle: { id: 'v1', label: '무빙콜 1호', plate: '인천 70바 1201' },
  promisedPickup: { from: '2026-12-04T00:05:00.000Z', to: '2026-12-04T00:15:00.000Z' },
  eta: { pickupAt: '2026-12-04T00:07:00.000Z', dropoffAt: '2026-12-04T00:20:00.000Z' },
  rejection: null,
};

describe('applyRideStatus', () => {
  it('takes from the event everything that changes with the status', () => {
    const next = applyRideStatus(ride, assigned);
    expect(next).toMatchObject({
      status: 'assigned',
      version: 4,
      vehicle: assigned.vehicle,
      promisedPickup: assigned.promisedPickup,
      etaPickupAt: '2026-12-04T00:07:00.000Z',
      etaDropoffAt: '2026-12-04T00:20:00.000Z',
      rejection: null,
    });
    expect(next.times.arrivedAt).toBe('2026-12-04T00:06:00.000Z');
  });

  it('keeps what the event does not carry: stops, rider, request and the assignment time', () => {
    const withAssignment = { ...ride, times: { ...ride.times, assignedAt: '2026-12-04T00:01:00.000Z' } };
    const next = applyRideStatus(withAssignment, assigned);
    expect(next.pickup).toBe(ride.pickup);
    expect(next.dropoff).toBe(ride.dropoff);
    expect(next.riderName).toBe('Kim');
    expect(next.passengers).toBe(2);
    expect(next.times.assignedAt).toBe('2026-12-04T00:01:00.000Z');
    expect(next.times.requestedAt).toBe(ride.times.requestedAt);
  });

  it('shows a rejection with its alternatives, and clears the vehicle', () => {
    const rejection = {
      code: 'NO_VEHICLE_CAPACITY',
      reason: 'Full',
      alternatives: [{ pickupAt: '2026-12-04T00:40:00.000Z' }],
    };
    const next = applyRideStatus(
      { ...ride, vehicle: assigned.vehicle },
      { ...assigned, status: 'rejected', vehicle: null, rejection },
    );
    expect(next.status).toBe('rejected');
    expect(next.vehicle).toBeNull();
    expect(next.rejection).toEqual(rejection);
  });

  it('leaves the ride it was given as it was', () => {
    applyRideStatus(ride, assigned);
    expect(ride.status).toBe('requested');
    expect(ride.times.arrivedAt).toBeNull();
  });
});

describe('applyLuggageStatus', () => {
  const place = { id: 'h1', kind: 'hotel', name: { ko: '호텔', en: 'Hotel' }, lat: 37.5, lng: 126.9, address: null };
  const booking = {
    id: 'b1',
    reference: 'FL-1',
    status: 'booked',
    version: 1,
    atRisk: false,
    handoverLocked: false,
    origin: place,
    courierStaffId: 's1',
  } as LuggageBookingView;
  const event: LuggageStatusEvent = {
    version: 2,
    bookingId: 'b1',
    reference: 'FL-1',
    status: 'assigned',
    at: '2026-12-04T00:00:00.000Z',
    etaAt: null,
    deadlineAt: '2026-12-04T09:00:00.000Z',
    atRisk: true,
    atRiskCode: 'SHIFT_END',
    handoverLocked: true,
    vehicleId: 'v1',
    courierStaffId: 's1',
  };

  it('takes the status, version, risk and PIN lock from the event and keeps the places', () => {
    const next = applyLuggageStatus(booking, event);
    expect(next).toMatchObject({
      status: 'assigned',
      version: 2,
      atRisk: true,
      atRiskCode: 'SHIFT_END',
      handoverLocked: true,
      vehicleId: 'v1',
      courierStaffId: 's1',
    });
    expect(next.origin).toBe(place);
  });

  it('takes the van and courier the planner gave (a booking first seen unplanned leaves the unassigned list)', () => {
    const unplanned = { ...booking, vehicleId: null, courierStaffId: null } as LuggageBookingView;
    expect(applyLuggageStatus(unplanned, { ...event, vehicleId: 'v2', courierStaffId: 's2' })).toMatchObject({
      vehicleId: 'v2',
      courierStaffId: 's2',
    });
    expect(applyLuggageStatus(booking, { ...event, vehicleId: null, courierStaffId: null })).toMatchObject({
      vehicleId: null,
      courierStaffId: null,
    });
  });

  it('lifts a released PIN lock', () => {
    expect(
      applyLuggageStatus({ ...booking, handoverLocked: true }, { ...event, handoverLocked: false }).handoverLocked,
    ).toBe(false);
  });
});

describe('status messages', () => {
  it('names a known ride status and reads an unknown one as unknown', () => {
    expect(rideStatusKey('on_board')).toBe('ride.status.on_board');
    expect(rideStatusKey('teleported')).toBe('ride.status.unknown');
  });

  it('names booking statuses and the custody steps the tracking page lists', () => {
    expect(luggageStatusKey('in_transit')).toBe('luggage.status.in_transit');
    expect(luggageStatusKey('traveller_absent')).toBe('luggage.status.traveller_absent');
    expect(luggageStatusKey('pin_rejected')).toBe('luggage.status.unknown');
  });
});
