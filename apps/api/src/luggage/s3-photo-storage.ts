import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PhotoStorage } from './photo-storage';

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
      credentials: config.accessKeyId && config.secretAccessKey ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
    }),
  ) {}

  async put(key: string, bytes: Buffer, contentType: string): Promise<string> {
    if (!/^[A-Za-z0-9/_.-]+$/.test(key) || key.includes('..')) throw new Error(`unsafe photo key ${key}`);
    // IfNoneMatch: a photo is written once; custody evidence is never overwritten.
    await this.client.send(new PutObjectCommand({ Bucket: this.config.bucket, Key: `photos/${key}`, Body: bytes, ContentType: contentType, IfNoneMatch: '*' }));
    return key;
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: `photos/${key}` }));
  }
}
