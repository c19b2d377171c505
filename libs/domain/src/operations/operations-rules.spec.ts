import { DomainError } from '../errors';
import { containsPoint, validatePolygon } from './geometry';
import {
  holidaysFromSettings,
  hoursInEffect,
  validateAreaSettings,
  validateHolidays,
  validateServiceHours,
} from './service-area-rules';
import { normalisePlate, validateVehicleCapacity } from './fleet-rules';
import { findOverlap, shiftShrinks, validateShiftTimes, workingStretch } from './roster-rules';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof DomainError ? e.code : `not a DomainError: ${String(e)}`;
  }
};

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [126.6, 37.5],
      [126.7, 37.5],
      [126.7, 37.6],
      [126.6, 37.6],
      [126.6, 37.5],
    ],
  ],
};

describe('service-area polygon', () => {
  it('accepts a closed simple polygon and normalises a pasted Feature or FeatureCollection', () => {
    expect(validatePolygon(square).coordinates[0]).toHaveLength(5);
    expect(validatePolygon({ type: 'Feature', properties: {}, geometry: square }).type).toBe('Polygon');
    expect(validatePolygon({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: square }] }).type).toBe(
      'Polygon',
    );
  });

  it('refuses a bow-tie that crosses itself and says where', () => {
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    expect(codeOf(() => validatePolygon(bowTie))).toBe('AREA_POLYGON_SELF_INTERSECTS');
    try {
      validatePolygon(bowTie);
    } catch (e) {
      expect((e as DomainError).details).toEqual({ crossings: expect.arrayContaining([[0.5, 0.5]]) });
    }
  });

  it.each([
    [
      'an unclosed ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
    ],
    [
      'too few corners',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
    ],
    [
      'collinear corners',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [2, 0],
            [0, 0],
          ],
        ],
      },
    ],
    [
      'lat/lng out of range',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [200, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    ],
    ['a point', { type: 'Point', coordinates: [0, 0] }],
    ['text', 'POLYGON((0 0, 1 0, 1 1, 0 0))'],
    ['two features', { type: 'FeatureCollection', features: [{}, {}] }],
  ])('refuses %s as AREA_POLYGON_INVALID', (_, input) => {
    expect(codeOf(() => validatePolygon(input))).toBe('AREA_POLYGON_INVALID');
  });

  it('tells whether a point lies inside, in [lat, lng] terms', () => {
    const p = validatePolygon(square);
    expect(containsPoint(p, { lat: 37.55, lng: 126.65 })).toBe(true);
    expect(containsPoint(p, { lat: 126.65, lng: 37.55 })).toBe(false);
    expect(containsPoint(p, { lat: 37.7, lng: 126.65 })).toBe(false);
  });
});

describe('service hours, holidays, settings', () => {
  it('sorts valid weekly windows and refuses opens >= closes, bad formats and overlaps', () => {
    expect(
      validateServiceHours([
        { weekday: 2, opens: '10:00', closes: '17:00' },
        { weekday: 1, opens: '07:00', closes: '09:00' },
      ])[0].weekday,
    ).toBe(1);
    expect(codeOf(() => validateServiceHours([{ weekday: 1, opens: '17:00', closes: '10:00' }]))).toBe(
      'AREA_HOURS_INVALID',
    );
    expect(codeOf(() => validateServiceHours([{ weekday: 1, opens: '10:00', closes: '10:00' }]))).toBe(
      'AREA_HOURS_INVALID',
    );
    expect(codeOf(() => validateServiceHours([{ weekday: 1, opens: '9:00', closes: '10:00' }]))).toBe(
      'AREA_HOURS_INVALID',
    );
    expect(codeOf(() => validateServiceHours([{ weekday: 8, opens: '09:00', closes: '10:00' }]))).toBe(
      'AREA_HOURS_INVALID',
    );
    expect(
      codeOf(() =>
        validateServiceHours([
          { weekday: 3, opens: '09:00', closes: '12:00' },
          { weekday: 3, opens: '11:00', closes: '14:00' },
        ]),
      ),
    ).toBe('AREA_HOURS_OVERLAP');
  });

  it('accepts closed and shortened holidays and refuses impossible or repeated dates', () => {
    expect(
      validateHolidays([
        { date: '2026-12-25' },
        { date: '2026-09-25', hours: [{ opens: '10:00', closes: '14:00' }] },
      ])[0].date,
    ).toBe('2026-09-25');
    expect(codeOf(() => validateHolidays([{ date: '2026-02-30' }]))).toBe('AREA_HOLIDAY_INVALID');
    expect(codeOf(() => validateHolidays([{ date: '25/12/2026' }]))).toBe('AREA_HOLIDAY_INVALID');
    expect(codeOf(() => validateHolidays([{ date: '2026-12-25' }, { date: '2026-12-25' }]))).toBe(
      'AREA_HOLIDAY_DUPLICATE',
    );
    expect(codeOf(() => validateHolidays([{ date: '2026-12-25', hours: [{ opens: '15:00', closes: '14:00' }] }]))).toBe(
      'AREA_HOURS_INVALID',
    );
  });

  it("replaces the weekly hours on a holiday, read in the area's local date", () => {
    const weekly = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '10:00', closes: '17:00' }));
    const holidays = holidaysFromSettings({
      holidays: [{ date: '2026-12-25' }, { date: '2026-12-24', hours: [{ opens: '10:00', closes: '12:00' }] }],
    });
    // 2026-12-24T16:00Z is already Christmas Day (01:00) in Seoul.
    expect(hoursInEffect(new Date('2026-12-24T16:00:00Z'), weekly, holidays, 'Asia/Seoul')).toEqual([]);
    expect(hoursInEffect(new Date('2026-12-24T02:00:00Z'), weekly, holidays, 'Asia/Seoul')).toEqual([
      { weekday: 4, opens: '10:00', closes: '12:00' },
    ]);
    expect(hoursInEffect(new Date('2026-12-23T02:00:00Z'), weekly, holidays, 'Asia/Seoul')).toHaveLength(5);
    expect(holidaysFromSettings({})).toEqual([]);
  });

  it('refuses a ride-time factor below 1 and a malformed cutoff', () => {
    expect(codeOf(() => validateAreaSettings({ rideTimeAlpha: 0.8 }))).toBe('AREA_SETTINGS_INVALID');
    expect(codeOf(() => validateAreaSettings({ sameDayCutoff: '25:00' }))).toBe('AREA_SETTINGS_INVALID');
    expect(codeOf(() => validateAreaSettings({ bookingHorizonDays: 1, bookingLeadMin: 2000 }))).toBe(
      'AREA_SETTINGS_INVALID',
    );
    expect(validateAreaSettings({ rideTimeAlpha: 1.5, sameDayCutoff: '10:00' })).toEqual({
      rideTimeAlpha: 1.5,
      sameDayCutoff: '10:00',
    });
  });
});

describe('vehicle capacity', () => {
  it.each([
    [{ seats: -1, bagSlots: 0, needsSeats: false }],
    [{ seats: 0, bagSlots: 0, needsSeats: false }],
    [{ seats: 0, bagSlots: 20, needsSeats: true }],
    [{ seats: 2.5, bagSlots: 0, needsSeats: false }],
    [{ seats: 2, bagSlots: -4, needsSeats: false }],
  ])('refuses %o', (input) => {
    expect(codeOf(() => validateVehicleCapacity(input))).toBe('VEHICLE_CAPACITY_INVALID');
  });

  it('accepts a shuttle van with seats and a luggage van with bag slots only', () => {
    expect(codeOf(() => validateVehicleCapacity({ seats: 11, bagSlots: 0, needsSeats: true }))).toBeUndefined();
    expect(codeOf(() => validateVehicleCapacity({ seats: 0, bagSlots: 24, needsSeats: false }))).toBeUndefined();
  });

  it('writes plates one way', () => {
    expect(normalisePlate('  인천 70바   1201 ')).toBe('인천 70바 1201');
  });
});

describe('roster rules', () => {
  const at = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 24, h, m));

  it('accepts breaks inside the shift and refuses breaks outside, overlapping or reversed', () => {
    expect(
      validateShiftTimes({ start: at(1), end: at(9) }, [
        { start: at(5), end: at(6) },
        { start: at(3), end: at(3, 15) },
      ])[0].start,
    ).toEqual(at(3));
    expect(codeOf(() => validateShiftTimes({ start: at(1), end: at(9) }, [{ start: at(8), end: at(10) }]))).toBe(
      'SHIFT_BREAK_INVALID',
    );
    expect(
      codeOf(() =>
        validateShiftTimes({ start: at(1), end: at(9) }, [
          { start: at(3), end: at(4) },
          { start: at(3, 30), end: at(5) },
        ]),
      ),
    ).toBe('SHIFT_BREAK_INVALID');
    expect(codeOf(() => validateShiftTimes({ start: at(1), end: at(9) }, [{ start: at(4), end: at(3) }]))).toBe(
      'SHIFT_BREAK_INVALID',
    );
  });

  it('refuses a shift that ends before it starts or runs past 16 hours', () => {
    expect(codeOf(() => validateShiftTimes({ start: at(9), end: at(1) }, []))).toBe('SHIFT_TIMES_INVALID');
    expect(codeOf(() => validateShiftTimes({ start: at(0), end: new Date(at(0).getTime() + 17 * 3600_000) }, []))).toBe(
      'SHIFT_TIMES_INVALID',
    );
  });

  it('treats touching shifts as not overlapping and crossing ones as overlapping', () => {
    const existing = [{ id: 'a', start: at(1), end: at(5) }];
    expect(findOverlap({ start: at(5), end: at(9) }, existing)).toBeUndefined();
    expect(findOverlap({ start: at(4, 59), end: at(9) }, existing)?.id).toBe('a');
    expect(findOverlap({ start: at(0), end: at(10) }, existing)?.id).toBe('a');
  });

  it('sees a late start or an early end as a shrink, and an extension as none', () => {
    expect(shiftShrinks({ start: at(1), end: at(9) }, { start: at(2), end: at(9) })).toBe(true);
    expect(shiftShrinks({ start: at(1), end: at(9) }, { start: at(1), end: at(8) })).toBe(true);
    expect(shiftShrinks({ start: at(1), end: at(9) }, { start: at(0), end: at(10) })).toBe(false);
  });

  it('plans work up to the next break, and after the break the van is on', () => {
    const breaks = [
      { start: at(6), end: at(6, 30) },
      { start: at(3), end: at(3, 15) },
    ];
    expect(workingStretch(at(2), at(9), breaks)).toEqual({ start: at(2), end: at(3) });
    expect(workingStretch(at(3, 5), at(9), breaks)).toEqual({ start: at(3, 15), end: at(6) });
    expect(workingStretch(at(6, 30), at(9), breaks)).toEqual({ start: at(6, 30), end: at(9) });
    expect(workingStretch(at(7), at(9), [])).toEqual({ start: at(7), end: at(9) });
  });
});
