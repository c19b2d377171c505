import { seoulDay } from './time';

describe('seoulDay', () => {
  it('names the Seoul calendar day, which starts at 15:00 UTC the day before', () => {
    expect(seoulDay(new Date('2026-12-02T14:59:59Z'))).toBe('2026-12-02');
    expect(seoulDay(new Date('2026-12-02T15:00:00Z'))).toBe('2026-12-03');
  });
});
