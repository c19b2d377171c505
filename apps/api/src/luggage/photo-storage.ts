import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { invalid, LuggageErrorCode } from '@app/domain';

/** Where bag photos go. Local disk by default; an S3-compatible adapter implements the same. */
export interface PhotoStorage {
  /**
   * Streams `body` to `key` (a relative path of safe characters) and resolves with the bytes
   * written. If `body` fails (a limit, a dropped upload), nothing is left under `key` nor beside it.
   * A key is written once: an existing photo is never overwritten.
   */
  put(key: string, body: Readable, contentType: string): Promise<{ key: string; bytes: number }>;
  /** Best-effort removal (used to undo a refused or failed custody step). */
  remove(key: string): Promise<void>;
}

export const PHOTO_STORAGE = Symbol('PHOTO_STORAGE');

/** A photo of a pickup already in storage, in the order it came. */
export interface StoredPhoto {
  key: string;
  mime: string;
  bytes: number;
}

export function assertSafePhotoKey(key: string): void {
  if (!/^[A-Za-z0-9/_.-]+$/.test(key) || key.includes('..')) throw new Error(`unsafe photo key ${key}`);
}

/**
 * Streams `body` to a new file beside nothing else: a unique temp name, removed if anything fails.
 * Resolves with the temp path and its size; the caller moves or uploads it, then removes it.
 */
export async function spoolToFile(dir: string, body: Readable): Promise<{ path: string; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `.upload-${randomBytes(8).toString('hex')}.part`);
  const out = createWriteStream(path, { flags: 'wx' });
  try {
    await pipeline(body, out);
    return { path, bytes: out.bytesWritten };
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

export class LocalPhotoStorage implements PhotoStorage {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'photos');
  }

  async put(key: string, body: Readable, _contentType: string): Promise<{ key: string; bytes: number }> {
    const path = this.pathOf(key);
    // Written under a temp name in the same directory, then linked into place: a reader never sees
    // half a photo, and link (unlike rename) refuses to replace one that exists.
    const spooled = await spoolToFile(dirname(path), body);
    try {
      await link(spooled.path, path);
    } finally {
      await rm(spooled.path, { force: true });
    }
    return { key, bytes: spooled.bytes };
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    assertSafePhotoKey(key);
    return join(this.root, key);
  }
}

/** Enough leading bytes to tell the three accepted formats apart. */
export const SNIFF_BYTES = 12;

const SIGNATURES: Array<{ mime: string; ext: string; test: (b: Buffer) => boolean }> = [
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/png',
    ext: 'png',
    test: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    mime: 'image/webp',
    ext: 'webp',
    test: (b) => b.length >= 12 && b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WEBP',
  },
];

/** The type is read from the first bytes, never from the client's claimed MIME type or file name. */
export function sniffImage(bytes: Buffer, index: number): { mime: string; ext: string } {
  const found = SIGNATURES.find((s) => s.test(bytes));
  if (!found)
    throw invalid(LuggageErrorCode.PhotoInvalid, `Photo ${index + 1} is not a JPEG, PNG or WebP image.`, { index });
  return { mime: found.mime, ext: found.ext };
}
