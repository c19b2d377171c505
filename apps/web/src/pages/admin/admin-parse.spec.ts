import { holidayLine, hoursText, parseBreaks, parseHolidays, seoulAt, timeRange } from './admin-parse';

describe('timeRange', () => {
  it('reads a range with a dash, an en dash or a tilde and pads the hours', () => {
    expect(timeRange('9:05-12:30')).toEqual(['09:05', '12:30']);
    expect(timeRange('10:00–13:00')).toEqual(['10:00', '13:00']);
    expect(timeRange('10:00~13:00')).toEqual(['10:00', '13:00']);
  });

  it('refuses what is not a time of day', () => {
    expect(timeRange('24:00-25:00')).toBeNull();
    expect(timeRange('noon-one')).toBeNull();
  });
});

describe('parseHolidays', () => {
  it('reads a closed day, a day with its own hours, and the two names', () => {
    const parsed = parseHolidays(
      '2026-12-25 성탄절 / Christmas Day\n\n2026-12-24 15:00-17:00, 10:00-13:00 성탄 전야 / Christmas Eve',
    );
    expect(parsed).toEqual({
      ok: true,
      holidays: [
        {
          date: '2026-12-24',
          name: { ko: '성탄 전야', en: 'Christmas Eve' },
          hours: [
            { opens: '10:00', closes: '13:00' },
            { opens: '15:00', closes: '17:00' },
          ],
        },
        { date: '2026-12-25', name: { ko: '성탄절', en: 'Christmas Day' }, hours: [] },
      ],
    });
  });

  it('stops at the first line that does not read, naming it and why', () => {
    expect(parseHolidays('2026-12-25\n2026-02-30 closed')).toEqual({
      ok: false,
      line: 2,
      text: '2026-02-30 closed',
      problem: 'date',
    });
    expect(parseHolidays('2026-12-25\n2026-12-25')).toMatchObject({ ok: false, line: 2, problem: 'duplicate' });
    expect(parseHolidays('2026-12-24 13:00-10:00')).toMatchObject({ ok: false, problem: 'hours' });
    expect(parseHolidays('2026-12-24 10:00-13:00, 12:00-14:00')).toMatchObject({ ok: false, problem: 'overlap' });
  });

  it('writes a holiday back as the line it reads from', () => {
    const line = '2026-12-24 10:00-13:00 성탄 전야 / Christmas Eve';
    const parsed = parseHolidays(line);
    if (!parsed.ok) throw new Error('the line should read');
    expect(holidayLine(parsed.holidays[0])).toBe(line);
  });
});

describe('parseBreaks', () => {
  it('puts a break before the start of a night shift on the next day', () => {
    const start = seoulAt('2026-12-04', '22:00');
    expect(parseBreaks('23:30-23:45, 02:00-02:30', '2026-12-04', start)).toEqual({
      ok: true,
      breaks: [
        { start: '2026-12-04T14:30:00.000Z', end: '2026-12-04T14:45:00.000Z' },
        { start: '2026-12-04T17:00:00.000Z', end: '2026-12-04T17:30:00.000Z' },
      ],
    });
  });

  it('names the part that does not read', () => {
    expect(parseBreaks('12:00-12:30, lunch', '2026-12-04', seoulAt('2026-12-04', '07:00'))).toEqual({
      ok: false,
      part: 'lunch',
    });
  });
});

describe('hoursText', () => {
  it("writes one weekday's windows as the form shows them", () => {
    const hours = [
      { weekday: 1, opens: '07:00', closes: '10:00' },
      { weekday: 2, opens: '08:00', closes: '09:00' },
      { weekday: 1, opens: '17:00', closes: '20:00' },
    ];
    expect(hoursText(hours, 1)).toBe('07:00-10:00, 17:00-20:00');
    expect(hoursText(hours, 7)).toBe('');
  });
});
