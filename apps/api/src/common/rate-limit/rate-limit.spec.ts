import { throttleKey } from './rate-limit';
import { Role } from '@app/domain';

describe('throttleKey', () => {
  const principal = { userId: 'u1', role: Role.Rider, areaIds: [] };

  it('counts bookings per account, whatever the address', () => {
    expect(throttleKey('booking', { ip: '10.0.0.1', principal })).toBe(
      throttleKey('booking', { ip: '10.0.0.2', principal }),
    );
  });

  it('counts anonymous bookings per address', () => {
    expect(throttleKey('booking', { ip: '10.0.0.1' })).toBe('10.0.0.1');
  });

  it('counts sign-in per address and email, case-insensitively', () => {
    expect(throttleKey('sign-in', { ip: '1.2.3.4', body: { email: 'A@B.kr' } })).toBe(
      throttleKey('sign-in', { ip: '1.2.3.4', body: { email: 'a@b.kr' } }),
    );
    expect(throttleKey('sign-in', { ip: '1.2.3.4', body: { email: 'a@b.kr' } })).not.toBe(
      throttleKey('sign-in', { ip: '1.2.3.4', body: { email: 'c@b.kr' } }),
    );
  });

  it('counts everything else per address', () => {
    expect(throttleKey('default', { ip: '1.2.3.4', principal })).toBe('1.2.3.4');
  });
});
