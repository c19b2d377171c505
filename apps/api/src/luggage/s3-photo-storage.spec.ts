import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { S3PhotoStorage } from './s3-photo-storage';

describe('S3 photo storage', () => {
  const sent: unknown[] = [];
  const storage = new S3PhotoStorage(
    { bucket: 'freelug-photos', endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', accessKeyId: 'k', secretAccessKey: 's', forcePathStyle: true },
    { send: (command: unknown) => (sent.push(command), Promise.resolve({})) } as never,
  );

  it('writes each photo once under photos/, with its sniffed type, and removes it on undo', async () => {
    await storage.put('2026-03-02/b1/FL-T-1-ab.png', Buffer.from([1, 2]), 'image/png');
    await storage.remove('2026-03-02/b1/FL-T-1-ab.png');
    const [put, del] = sent as [PutObjectCommand, DeleteObjectCommand];
    expect(put).toBeInstanceOf(PutObjectCommand);
    expect(put.input).toMatchObject({ Bucket: 'freelug-photos', Key: 'photos/2026-03-02/b1/FL-T-1-ab.png', ContentType: 'image/png', IfNoneMatch: '*' });
    expect(del.input).toMatchObject({ Bucket: 'freelug-photos', Key: 'photos/2026-03-02/b1/FL-T-1-ab.png' });
  });

  it('refuses keys that could escape the prefix', async () => {
    await expect(storage.put('../etc/passwd', Buffer.from([1]), 'image/png')).rejects.toThrow(/unsafe/);
  });
});
