import { DomainError } from '../errors';
import { assertRideTransition, canRideTransition, isFinal, RideStatus } from './ride-status';

describe('ride state machine', () => {
  it('walks the happy path from request to completion', () => {
    const path = [
      RideStatus.Requested,
      RideStatus.Assigned,
      RideStatus.Arrived,
      RideStatus.OnBoard,
      RideStatus.Completed,
    ];
    for (let k = 1; k < path.length; k++) expect(canRideTransition(path[k - 1], path[k])).toBe(true);
  });

  it('lets a scheduled ride become a request', () => {
    expect(canRideTransition(RideStatus.Scheduled, RideStatus.Requested)).toBe(true);
  });

  it('refuses to cancel a rider who is on board', () => {
    expect(canRideTransition(RideStatus.OnBoard, RideStatus.Cancelled)).toBe(false);
  });

  it('allows a no-show only after the van arrived', () => {
    expect(canRideTransition(RideStatus.Assigned, RideStatus.NoShow)).toBe(false);
    expect(canRideTransition(RideStatus.Arrived, RideStatus.NoShow)).toBe(true);
  });

  it('treats completed, cancelled, rejected and no-show as final', () => {
    for (const s of [RideStatus.Completed, RideStatus.Cancelled, RideStatus.Rejected, RideStatus.NoShow])
      expect(isFinal(s)).toBe(true);
    expect(isFinal(RideStatus.Assigned)).toBe(false);
  });

  it('throws a conflict with a stable code for a forbidden move', () => {
    try {
      assertRideTransition(RideStatus.Completed, RideStatus.Assigned);
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'RIDE_INVALID_TRANSITION', category: 'conflict' });
    }
  });
});
