import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { invalid, LuggageErrorCode } from '@app/domain';

/** Where bag photos go. Local disk by default; an S3-compatible adapter can implement the same. */
export interface PhotoStorage {
  /** Stores the bytes under `key` (a relative path of safe characters); returns the key. */
  put(key: string, bytes: Buffer, contentType: string): Promise<string>;
  /** Best-effort removal (used to undo a failed custody step). */
  remove(key: string): Promise<void>;
}

export const PHOTO_STORAGE = Symbol('PHOTO_STORAGE');

export class LocalPhotoStorage implements PhotoStorage {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'photos');
  }

  async put(key: string, bytes: Buffer, _contentType: string): Promise<string> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes, { flag: 'wx' });
    return key;
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!/^[A-Za-z0-9/_.-]+$/.test(key) || key.includes('..')) throw new Error(`unsafe photo key ${key}`);
    return join(this.root, key);
  }
}

const SIGNATURES: Array<{ mime: string; ext: string; test: (b: Buffer) => boolean }> = [
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', ext: 'png', test: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/webp', ext: 'webp', test: (b) => b.length > 12 && b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WEBP' },
];

/** The type is read from the bytes, never from the client's claimed MIME type or file name. */
export function sniffImage(bytes: Buffer, index: number): { mime: string; ext: string } {
  const found = SIGNATURES.find((s) => s.test(bytes));
  if (!found) throw invalid(LuggageErrorCode.PhotoInvalid, `Photo ${index + 1} is not a JPEG, PNG or WebP image.`, { index });
  return { mime: found.mime, ext: found.ext };
}
