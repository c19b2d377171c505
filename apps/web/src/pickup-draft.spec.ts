import { forgetPickupTags, keepPickupTags, readPickupTags } from './pickup-draft';

describe('pickup draft: the bag tags survive a refused pickup', () => {
  beforeEach(() => sessionStorage.clear());

  it('gives back what was kept for the booking, one entry per bag', () => {
    keepPickupTags('b1', ['FL-T-0001', 'FL-T-0002']);
    expect(readPickupTags('b1', 2)).toEqual(['FL-T-0001', 'FL-T-0002']);
    expect(readPickupTags('b2', 2)).toEqual(['', '']);
  });

  it('fits the kept tags to the number of bags and ignores what is not text', () => {
    sessionStorage.setItem('geomdan.staff.pickupTags.b1', JSON.stringify(['A', 7, null]));
    expect(readPickupTags('b1', 4)).toEqual(['A', '', '', '']);
    sessionStorage.setItem('geomdan.staff.pickupTags.b1', '{not json');
    expect(readPickupTags('b1', 1)).toEqual(['']);
  });

  it('forgets the draft once the pickup is through', () => {
    keepPickupTags('b1', ['A']);
    forgetPickupTags('b1');
    expect(readPickupTags('b1', 1)).toEqual(['']);
  });
});
