import { riskCode, riskReason } from './risk';

describe('a luggage risk reason', () => {
  it('gives back the code it was written with', () => {
    expect(riskCode(riskReason('SHIFT_END', 'the shift ends before the delivery'))).toBe('SHIFT_END');
    expect(riskCode(riskReason('NO_VEHICLE', 'x'.repeat(400)))).toBe('NO_VEHICLE');
  });

  it('has no code when there is no reason or it was written without one', () => {
    expect(riskCode(null)).toBeNull();
    expect(riskCode('late')).toBeNull();
  });
});
