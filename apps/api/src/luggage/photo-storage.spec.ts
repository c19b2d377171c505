import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalPhotoStorage, sniffImage } from './photo-storage';

describe('local photo storage', () => {
  let dataDir: string;
  let storage: LocalPhotoStorage;
  const dirOf = (key: string) => join(dataDir, 'photos', key, '..');

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'photos-'));
    storage = new LocalPhotoStorage(dataDir);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('streams a photo under DATA_DIR/photos/<key>, leaving no temp file beside it', async () => {
    const bytes = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(200_000, 3)]);
    const stored = await storage.put(
      '2026-03-02/b1/bag1-ab.jpg',
      Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]),
      'image/jpeg',
    );
    expect(stored).toEqual({ key: '2026-03-02/b1/bag1-ab.jpg', bytes: bytes.length });
    expect(readFileSync(join(dataDir, 'photos', '2026-03-02/b1/bag1-ab.jpg')).equals(bytes)).toBe(true);
    expect(readdirSync(dirOf('2026-03-02/b1/bag1-ab.jpg'))).toEqual(['bag1-ab.jpg']);
  });

  it('never overwrites a photo that is there', async () => {
    await storage.put('d/b/bag1.png', Readable.from([Buffer.from('first')]), 'image/png');
    await expect(
      storage.put('d/b/bag1.png', Readable.from([Buffer.from('second')]), 'image/png'),
    ).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(join(dataDir, 'photos', 'd/b/bag1.png'), 'utf8')).toBe('first');
    expect(readdirSync(dirOf('d/b/bag1.png'))).toEqual(['bag1.png']);
  });

  it('leaves nothing when the photo stream fails midway (a limit, a dropped upload)', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, 1));
        this.destroy(new Error('photo over its limit'));
      },
    });
    await expect(storage.put('d/b/bag2.jpg', failing, 'image/jpeg')).rejects.toThrow('photo over its limit');
    expect(readdirSync(dirOf('d/b/bag2.jpg'))).toEqual([]);
  });

  it('refuses keys that could escape DATA_DIR/photos', async () => {
    await expect(storage.put('../etc/passwd', Readable.from([Buffer.from([1])]), 'image/png')).rejects.toThrow(
      /unsafe/,
    );
  });
});

describe('photo sniffing', () => {
  it('tells JPEG, PNG and WebP from their first bytes and refuses anything else with the photo index', () => {
    expect(sniffImage(Buffer.from('ffd8ffe000104a4649460001', 'hex'), 0).ext).toBe('jpg');
    expect(sniffImage(Buffer.from('89504e470d0a1a0a0000000d', 'hex'), 0).ext).toBe('png');
    expect(sniffImage(Buffer.from('RIFF\x00\x00\x00\x00WEBP', 'latin1'), 0).ext).toBe('webp');
    expect(() => sniffImage(Buffer.from('GIF89a......'), 2)).toThrow(
      expect.objectContaining({ code: 'LUGGAGE_PHOTO_INVALID', details: { index: 2 } }),
    );
  });
});
