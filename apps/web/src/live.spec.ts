import { VersionBook } from './live';

describe('VersionBook', () => {
  it('accepts each version once and drops an older one', () => {
    const book = new VersionBook();
    expect(book.accept('r1', 2)).toBe(true);
    expect(book.accept('r1', 2)).toBe(false);
    expect(book.accept('r1', 1)).toBe(false);
    expect(book.accept('r1', 3)).toBe(true);
  });

  it('takes a snapshot row of the version it holds, not an older one', () => {
    const book = new VersionBook();
    book.accept('r1', 5);
    expect(book.acceptSnapshot('r1', 5)).toBe(true);
    expect(book.acceptSnapshot('r1', 4)).toBe(false);
  });
});
