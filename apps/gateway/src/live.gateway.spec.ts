import { Role } from '@app/domain';
import { roomsFor } from './live.gateway';

describe('roomsFor', () => {
  it('gives a rider only their own room', () => {
    expect(roomsFor({ userId: 'u1', role: Role.Rider, areaIds: ['a1'] })).toEqual(['user:u1']);
  });

  it('gives a dispatcher their areas and nothing else', () => {
    expect(roomsFor({ userId: 'd1', role: Role.Dispatcher, areaIds: ['a1', 'a2'] })).toEqual([
      'user:d1',
      'area:a1',
      'area:a2',
    ]);
  });

  it('gives staff no area room (they see only their own tasks)', () => {
    expect(roomsFor({ userId: 's1', role: Role.Staff, areaIds: ['a1'] })).toEqual(['user:s1']);
  });

  it('gives admins the admins room', () => {
    expect(roomsFor({ userId: 'x', role: Role.Admin, areaIds: [] })).toEqual(['user:x', 'admins']);
  });
});
