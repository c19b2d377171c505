import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { S3PhotoStorage } from './s3-photo-storage';

/**
 * The SDK streams with `Content-Encoding: aws-chunked` and a CRC32 trailer (its default for
 * streamed bodies), as S3 accepts: decoded here, and the trailer checked against the bytes.
 */
function decodeAwsChunked(raw: Buffer): { body: Buffer; crc32Matches: boolean } {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    const size = parseInt(raw.toString('latin1', at, lineEnd).split(';')[0], 16);
    at = lineEnd + 2;
    if (size === 0) break;
    parts.push(raw.subarray(at, at + size));
    at += size + 2;
  }
  const body = Buffer.concat(parts);
  const trailer = /x-amz-checksum-crc32:([A-Za-z0-9+/=]+)/.exec(raw.toString('latin1', at))?.[1];
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return { body, crc32Matches: trailer === crc.toString('base64') };
}

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * The slice of the S3 REST API the adapter uses (PUT with If-None-Match, DELETE), over real
 * HTTP: the real SDK client signs and streams to it. Objects are kept in a map.
 */
function s3Server(): Promise<{ server: Server; url: string; received: Received[]; objects: Map<string, Buffer> }> {
  const received: Received[] = [];
  const objects = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const raw = Buffer.concat(chunks);
      const chunked = /aws-chunked/.test(String(req.headers['content-encoding'] ?? ''));
      const decoded = chunked ? decodeAwsChunked(raw) : { body: raw, crc32Matches: true };
      const body = decoded.body;
      received.push({ method: req.method ?? '', path, headers: req.headers, body });
      if (!decoded.crc32Matches) {
        res
          .writeHead(400, { 'content-type': 'application/xml' })
          .end('<?xml version="1.0"?><Error><Code>BadDigest</Code><Message>crc32</Message></Error>');
        return;
      }
      if (req.method === 'PUT') {
        if (req.headers['if-none-match'] === '*' && objects.has(path)) {
          res
            .writeHead(412, { 'content-type': 'application/xml' })
            .end('<?xml version="1.0"?><Error><Code>PreconditionFailed</Code><Message>exists</Message></Error>');
          return;
        }
        objects.set(path, body);
        res.writeHead(200, { etag: '"e"' }).end();
        return;
      }
      if (req.method === 'DELETE') {
        objects.delete(path);
        res.writeHead(204).end();
        return;
      }
      res.writeHead(405).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, objects }),
    ),
  );
}

describe('S3 photo storage', () => {
  let s3: Awaited<ReturnType<typeof s3Server>>;
  let spoolDir: string;
  let storage: S3PhotoStorage;

  beforeAll(async () => {
    s3 = await s3Server();
    spoolDir = mkdtempSync(join(tmpdir(), 's3-spool-'));
    // The real SDK client: requestChecksumCalculation as the adapter leaves it.
    storage = new S3PhotoStorage(
      {
        bucket: 'freelug-photos',
        endpoint: s3.url,
        region: 'us-east-1',
        accessKeyId: 'k',
        secretAccessKey: 's',
        forcePathStyle: true,
      },
      undefined,
      spoolDir,
    );
  });
  afterAll(async () => {
    await new Promise((resolve) => s3.server.close(resolve));
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('streams each photo once under photos/ with its length and sniffed type, and removes it on undo', async () => {
    const photo = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(3 * 1024 * 1024, 7)]);
    const stored = await storage.put(
      '2026-03-02/b1/bag1-ab.jpg',
      Readable.from([photo.subarray(0, 1000), photo.subarray(1000)]),
      'image/jpeg',
    );
    expect(stored).toEqual({ key: '2026-03-02/b1/bag1-ab.jpg', bytes: photo.length });
    const put = s3.received.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/freelug-photos/photos/2026-03-02/b1/bag1-ab.jpg');
    expect(put.headers['content-type']).toBe('image/jpeg');
    expect(put.headers['if-none-match']).toBe('*');
    expect(put.headers['x-amz-decoded-content-length'] ?? put.headers['content-length']).toBe(String(photo.length));
    expect(put.body.equals(photo)).toBe(true);
    // Nothing is left in the spool once the photo is in the bucket.
    expect(readdirSync(spoolDir)).toEqual([]);

    await storage.remove('2026-03-02/b1/bag1-ab.jpg');
    expect(s3.objects.has('/freelug-photos/photos/2026-03-02/b1/bag1-ab.jpg')).toBe(false);
  });

  it('never overwrites a photo already in the bucket', async () => {
    await storage.put('2026-03-02/b1/bag2-cd.png', Readable.from([Buffer.from('first')]), 'image/png');
    await expect(
      storage.put('2026-03-02/b1/bag2-cd.png', Readable.from([Buffer.from('second')]), 'image/png'),
    ).rejects.toThrow();
    expect(s3.objects.get('/freelug-photos/photos/2026-03-02/b1/bag2-cd.png')?.toString()).toBe('first');
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('sends nothing to the bucket and leaves nothing spooled when the photo stream fails midway', async () => {
    const before = s3.received.length;
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, 1));
        this.destroy(new Error('photo over its limit'));
      },
    });
    await expect(storage.put('2026-03-02/b1/bag3-ef.jpg', failing, 'image/jpeg')).rejects.toThrow(
      'photo over its limit',
    );
    expect(s3.received.length).toBe(before);
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('refuses keys that could escape the prefix', async () => {
    await expect(storage.put('../etc/passwd', Readable.from([Buffer.from([1])]), 'image/png')).rejects.toThrow(
      /unsafe/,
    );
  });
});
