import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { assertSafePhotoKey, PhotoStorage, spoolToFile } from './photo-storage';

export interface S3PhotoConfig {
  bucket: string;
  endpoint: string | null;
  region: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  forcePathStyle: boolean;
}

/** Bag photos in an S3-compatible bucket (AWS S3, MinIO, R2…), under `photos/<key>`. */
export class S3PhotoStorage implements PhotoStorage {
  constructor(
    private readonly config: S3PhotoConfig,
    private readonly client: Pick<S3Client, 'send'> = new S3Client({
      region: config.region,
      endpoint: config.endpoint ?? undefined,
      forcePathStyle: config.forcePathStyle,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
    }),
    /** Where a photo waits while it streams in (on disk: a tmpfs would hold it in memory); removed once uploaded or refused. */
    private readonly spoolDir: string = join(tmpdir(), 'geomdan-photo-spool'),
  ) {}

  async put(key: string, body: Readable, contentType: string): Promise<{ key: string; bytes: number }> {
    assertSafePhotoKey(key);
    // Spooled to disk first: a PutObject needs the length up front, and a refused or dropped
    // upload then never reaches the bucket. Memory holds a stream buffer, not the photo.
    const spooled = await spoolToFile(this.spoolDir, body);
    try {
      // IfNoneMatch: a photo is written once; custody evidence is never overwritten.
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.config.bucket,
          Key: `photos/${key}`,
          Body: createReadStream(spooled.path),
          ContentLength: spooled.bytes,
          ContentType: contentType,
          IfNoneMatch: '*',
        }),
      );
      return { key, bytes: spooled.bytes };
    } finally {
      await rm(spooled.path, { force: true });
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: `photos/${key}` }));
  }
}
