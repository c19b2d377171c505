import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { IncomingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { ShiftEntity, ServiceAreaEntity } from '@app/database';
import { Clock, SystemClock } from '@app/domain';
import { createApiApp } from '../../apps/api/src/api.app';
import { eventually } from '../support/eventually';
import { signIn } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';

const MB = 1024 * 1024;
const PHOTO_MAX_BYTES = 8 * MB; // the default LUGGAGE_PHOTO_MAX_BYTES
const JPEG_HEAD = Buffer.from('ffd8ffe000104a464946000101', 'hex');
const FILLER = Buffer.alloc(MB, 0x41);
const BOUNDARY = 'geomdan-upload-bound';

type Part = { name: string; value: string } | { name: string; filename: string; size: number; head?: Buffer };

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: { code?: string; details?: Record<string, unknown> } | null;
  /** Body bytes the client had written when the answer's head came back. */
  sentBeforeAnswer: number;
}

interface Upload {
  answer: Promise<Answer>;
  /** Resolves once `holdAt` bytes were written and drained to the socket, i.e. the server is reading the body. */
  held: Promise<void>;
  /** Drops the connection (a courier whose phone lost signal mid-upload). */
  abort(): void;
}

/**
 * Streams a multipart body part by part in 1 MB writes, each waiting for the socket to drain (a
 * phone on a slow link): the client never holds more than a chunk. With `holdAt` it stops there
 * and keeps the request open until aborted. Stops writing as soon as an answer comes.
 */
function upload(
  baseUrl: string,
  path: string,
  token: string,
  parts: Part[],
  options: { holdAt?: number; headers?: Record<string, string>; preambleBytes?: number } = {},
): Upload {
  const url = new URL(path, baseUrl);
  let sent = 0;
  let answered = false;
  let onHeld: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  const req = request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      ...options.headers,
    },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text ? (JSON.parse(text) as Answer['body']) : null,
          sentBeforeAnswer,
        });
        req.destroy();
      });
    });
    // The server may close its side after answering while bytes are still on the way.
    req.on('error', (error) => (answered ? undefined : reject(error)));
  });
  const write = (chunk: Buffer) =>
    new Promise<void>((resolve) => {
      sent += chunk.length;
      if (req.write(chunk)) resolve();
      else req.once('drain', resolve);
    });
  void (async () => {
    // Bytes before the first boundary: a multipart parser reads and drops them.
    for (let left = options.preambleBytes ?? 0; left > 0 && !answered && !req.destroyed; left -= MB)
      await write(FILLER.subarray(0, Math.min(MB, left)));
    for (const [i, part] of parts.entries()) {
      if (answered || req.destroyed) return;
      const name =
        'filename' in part
          ? `name="${part.name}"; filename="${part.filename}"\r\nContent-Type: image/jpeg`
          : `name="${part.name}"`;
      await write(
        Buffer.from(
          `${i || options.preambleBytes ? '\r\n' : ''}--${BOUNDARY}\r\nContent-Disposition: form-data; ${name}\r\n\r\n`,
        ),
      );
      if (!('filename' in part)) {
        await write(Buffer.from(part.value));
        continue;
      }
      const head = part.head ?? JPEG_HEAD;
      await write(head.subarray(0, part.size));
      for (let left = part.size - head.length; left > 0 && !answered && !req.destroyed; left -= MB) {
        await write(FILLER.subarray(0, Math.min(MB, left)));
        if (options.holdAt !== undefined && sent >= options.holdAt) return onHeld();
      }
    }
    if (!answered && !req.destroyed) req.end(`\r\n--${BOUNDARY}--\r\n`);
  })();
  return { answer, held, abort: () => req.destroy() };
}

const photos = (count: number, size: number): Part[] =>
  Array.from({ length: count }, (_, i) => ({ name: 'photos', filename: `bag${i + 1}.jpg`, size }));
const pickupForm = (bags: number): Part[] => [
  { name: 'bagCount', value: String(bags) },
  {
    name: 'tags',
    value: JSON.stringify(
      Array.from({ length: bags }, (_, i) => `FL-T-${randomUUID().slice(0, 8).toUpperCase()}-${i}`),
    ),
  },
  { name: 'countMismatchConfirmed', value: 'true' },
];

/** Every file under `dir`, recursively (the local photo store). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('bag photo uploads: authorised before the body, streamed to storage, bounded', () => {
  let ctx: TestContext;
  let api: INestApplication;
  let apiUrl: string;
  let dataDir: string;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  let day: DateTime;

  /** A booking on the seeded day, en route with `courier` (as the plan and the courier would have set it). */
  async function bookingEnRouteWith(courier: string): Promise<string> {
    const body = {
      origin: 'h-grand-hyatt-incheon',
      destination: 'icn-t1',
      bags: { carry_on: 1, suitcase: 1, oversize: 0 },
      flightNumber: `KE${100 + Math.floor(Math.random() * 800)}`,
      flightAt: day.set({ hour: 16 }).toISO()!,
    };
    const post = async (path: string, json: unknown) => {
      const response = await fetch(`${apiUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(json),
      });
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as Record<string, string>;
    };
    const quote = await post('/v1/luggage/quotes', body);
    const created = await post('/v1/luggage/bookings', {
      ...body,
      quoteToken: quote.quoteToken,
      contact: { name: 'Emma Lee', phone: '+82 10-1234-5678', email: 'emma@example.com' },
      language: 'en',
      prohibitedItemsConfirmed: true,
    });
    await db.query(
      `UPDATE luggage_bookings SET status = 'courier_en_route', courier_staff_id = (SELECT s.id FROM staff s JOIN users u ON u.id = s.user_id WHERE u.email = $2) WHERE id = $1`,
      [created.id, courier],
    );
    return created.id;
  }

  const pickupPath = (bookingId: string) => `/v1/luggage/courier/bookings/${bookingId}/pickup`;
  const storedFor = (bookingId: string) => filesUnder(join(dataDir, 'photos')).filter((f) => f.includes(bookingId));
  async function bagsAndStatus(bookingId: string) {
    const rows: Array<{ bags: number; status: string }> = await db.query(
      `SELECT (SELECT count(*)::int FROM luggage_bags WHERE booking_id = $1) AS bags, status FROM luggage_bookings WHERE id = $1`,
      [bookingId],
    );
    return rows[0];
  }

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    dataDir = mkdtempSync(join(tmpdir(), 'upload-bounds-'));
    ctx.config = { ...ctx.config, dataDir };
    // The api alone: no planner moves the bookings these tests put en route.
    api = await createApiApp(ctx.config);
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
    db = api.get(DataSource);
    const area = await db.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
    const shift = await db.getRepository(ShiftEntity).findOneOrFail({ where: { areaId: area.id } });
    day = DateTime.fromJSDate(shift.plannedStart, { zone: 'Asia/Seoul' }).startOf('day');
    (api.get(Clock) as SystemClock).setNow(day.set({ hour: 8 }).toJSDate());
    for (const n of [1, 2, 3])
      tokens[`courier${n}`] = (await signIn(apiUrl, `courier${n}@demo.geomdan.kr`, 'staff-demo-1234')).accessToken;
  });
  afterAll(async () => {
    await api?.close();
    await ctx?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('documents the bounds and their codes on the endpoint (OpenAPI)', async () => {
    const doc = (await (await fetch(`${apiUrl}/docs-json`)).json()) as {
      paths: Record<
        string,
        { post: { responses: Record<string, { description: string; headers?: Record<string, unknown> }> } }
      >;
    };
    const responses = doc.paths['/v1/luggage/courier/bookings/{id}/pickup'].post.responses;
    expect(responses['413'].description).toEqual(expect.stringContaining('LUGGAGE_TOO_MANY_PHOTOS'));
    expect(responses['413'].description).toEqual(expect.stringContaining('LUGGAGE_PHOTO_TOO_LARGE'));
    expect(responses['413'].description).toEqual(expect.stringContaining('LUGGAGE_UPLOAD_TOO_LARGE'));
    expect(responses['429'].description).toEqual(expect.stringContaining('UPLOADS_BUSY'));
    expect(Object.keys(responses['429'].headers ?? {})).toEqual(['Retry-After']);
  });

  it('refuses an upload to a booking that is not the courier’s before reading most of its 120 MB', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map(() => upload(apiUrl, pickupPath(randomUUID()), tokens.courier1, photos(30, 4 * MB)).answer),
    );
    for (const a of answers) {
      expect(a.status).toBe(404);
      // Socket buffers hold a few MB; reading the body would take all 120.
      expect(a.sentBeforeAnswer).toBeLessThan(24 * MB);
    }
  });

  it('refuses more photos than a booking may have bags (the area’s maxBags, 8) with 413, keeping nothing', async () => {
    const id = await bookingEnRouteWith('courier1@demo.geomdan.kr');
    const a = await upload(apiUrl, pickupPath(id), tokens.courier1, [...pickupForm(9), ...photos(9, 64 * 1024)]).answer;
    expect(a.status).toBe(413);
    expect(a.body).toMatchObject({ code: 'LUGGAGE_TOO_MANY_PHOTOS', details: { maxPhotos: 8 } });
    expect(storedFor(id)).toEqual([]);
    expect(await bagsAndStatus(id)).toEqual({ bags: 0, status: 'courier_en_route' });
  });

  it('refuses a photo over LUGGAGE_PHOTO_MAX_BYTES with 413 while streaming it, keeping none of the photos before it', async () => {
    const id = await bookingEnRouteWith('courier1@demo.geomdan.kr');
    const parts: Part[] = [
      ...pickupForm(2),
      { name: 'photos', filename: 'ok.jpg', size: MB },
      { name: 'photos', filename: 'big.jpg', size: PHOTO_MAX_BYTES + 1 },
    ];
    const a = await upload(apiUrl, pickupPath(id), tokens.courier1, parts).answer;
    expect(a.status).toBe(413);
    expect(a.body).toMatchObject({ code: 'LUGGAGE_PHOTO_TOO_LARGE', details: { index: 1, maxBytes: PHOTO_MAX_BYTES } });
    expect(storedFor(id)).toEqual([]);
    expect(await bagsAndStatus(id)).toEqual({ bags: 0, status: 'courier_en_route' });
  });

  it('lets a client that sends its whole body before reading (as browsers do) still read the 413', async () => {
    const id = await bookingEnRouteWith('courier1@demo.geomdan.kr');
    const url = new URL(apiUrl);
    const head = (extra: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; ${extra}\r\n\r\n`;
    const body = Buffer.concat([
      Buffer.from(
        `${head('name="bagCount"')}1\r\n${head('name="tags"')}FL-T-0001\r\n${head('name="photos"; filename="big.jpg"\r\nContent-Type: image/jpeg')}`,
      ),
      JPEG_HEAD,
      Buffer.alloc(PHOTO_MAX_BYTES + 4 * MB, 0x41),
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST ${pickupPath(id)} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${tokens.courier1}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${body.length}\r\n\r\n`,
        );
        // Every byte is written before anything is read, whatever the server answers meanwhile.
        socket.pause();
        socket.write(body, () => {
          const chunks: Buffer[] = [];
          socket.on('data', (c: Buffer) => {
            chunks.push(c);
            if (Buffer.concat(chunks).includes('}')) resolve(Buffer.concat(chunks).toString());
          });
          socket.resume();
        });
      });
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('LUGGAGE_PHOTO_TOO_LARGE');
    expect(storedFor(id)).toEqual([]);
  });

  it('refuses a body declared larger than a pickup can be with 413 before reading it', async () => {
    const id = await bookingEnRouteWith('courier1@demo.geomdan.kr');
    const a = await upload(apiUrl, pickupPath(id), tokens.courier1, [...pickupForm(8), ...photos(30, 4 * MB)], {
      headers: { 'content-length': String(120 * MB) },
    }).answer;
    expect(a.status).toBe(413);
    expect(a.body?.code).toBe('LUGGAGE_UPLOAD_TOO_LARGE');
    expect(a.sentBeforeAnswer).toBeLessThan(24 * MB);
    expect(storedFor(id)).toEqual([]);
  });

  it('stops reading a body that never reaches its parts (a 200 MB preamble) with 413', async () => {
    const id = await bookingEnRouteWith('courier1@demo.geomdan.kr');
    const a = await upload(apiUrl, pickupPath(id), tokens.courier1, [...pickupForm(1), ...photos(1, 1024)], {
      preambleBytes: 200 * MB,
    }).answer;
    expect(a.status).toBe(413);
    expect(a.body?.code).toBe('LUGGAGE_UPLOAD_TOO_LARGE');
    // The bound is 8 photos of 8 MB and the form: about 70 MB, far from the 200 MB on offer.
    expect(a.sentBeforeAnswer).toBeLessThan(100 * MB);
  });

  it('cuts the connection of a client that goes on sending after the 413, soon after the bound', async () => {
    const id = await bookingEnRouteWith('courier1@demo.geomdan.kr');
    const url = new URL(apiUrl);
    let accepted = 0;
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST ${pickupPath(id)} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${tokens.courier1}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nTransfer-Encoding: chunked\r\n\r\n`,
        );
        const chunk = Buffer.concat([Buffer.from(`${MB.toString(16)}\r\n`), FILLER, Buffer.from('\r\n')]);
        // A preamble that never ends, whatever the server answers: 400 MB offered.
        const pump = () => {
          while (accepted < 400 * MB) {
            accepted += MB;
            if (!socket.write(chunk)) return void socket.once('drain', pump);
          }
          resolve('all sent');
        };
        pump();
      });
      socket.on('data', () => undefined);
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      socket.on('close', () => resolve('closed'));
    });
    expect(outcome).not.toBe('all sent');
    // The bound (≈ 70 MB) read before the refusal, 1 MB dropped after it, plus socket buffers.
    expect(accepted).toBeLessThan(100 * MB);
  });

  it('removes the photos again when the pickup is refused after they were streamed (bag count not confirmed)', async () => {
    const id = await bookingEnRouteWith('courier1@demo.geomdan.kr');
    const form = pickupForm(3).filter((p) => p.name !== 'countMismatchConfirmed');
    const a = await upload(apiUrl, pickupPath(id), tokens.courier1, [...form, ...photos(3, 2 * MB)]).answer;
    expect(a.status).toBe(422);
    expect(a.body?.code).toBe('LUGGAGE_BAG_COUNT_MISMATCH');
    expect(storedFor(id)).toEqual([]);
    expect(await bagsAndStatus(id)).toEqual({ bags: 0, status: 'courier_en_route' });
  });

  it('answers a replayed pickup as the first time and keeps only the first photos', async () => {
    const id = await bookingEnRouteWith('courier1@demo.geomdan.kr');
    const parts = [...pickupForm(2), ...photos(2, 256 * 1024)];
    const headers = { 'idempotency-key': `pickup-${id}` };
    const first = await upload(apiUrl, pickupPath(id), tokens.courier1, parts, { headers }).answer;
    const again = await upload(apiUrl, pickupPath(id), tokens.courier1, parts, { headers }).answer;
    expect(first.status).toBe(200);
    expect([again.status, again.body]).toEqual([200, first.body]);
    const kept: Array<{ photo_key: string }> = await db.query(
      `SELECT photo_key FROM luggage_bags WHERE booking_id = $1 ORDER BY photo_key`,
      [id],
    );
    expect(
      storedFor(id)
        .map((f) => relative(join(dataDir, 'photos'), f))
        .sort(),
    ).toEqual(kept.map((k) => k.photo_key));
  });

  it('refuses a non-image by its first bytes, keeping nothing', async () => {
    const id = await bookingEnRouteWith('courier1@demo.geomdan.kr');
    const parts: Part[] = [
      ...pickupForm(2),
      { name: 'photos', filename: 'a.jpg', size: MB },
      { name: 'photos', filename: 'b.jpg', size: 2 * MB, head: Buffer.from('not an image at all') },
    ];
    const a = await upload(apiUrl, pickupPath(id), tokens.courier1, parts).answer;
    expect(a.status).toBe(422);
    expect(a.body).toMatchObject({ code: 'LUGGAGE_PHOTO_INVALID', details: { index: 1 } });
    expect(storedFor(id)).toEqual([]);
    expect(await bagsAndStatus(id)).toEqual({ bags: 0, status: 'courier_en_route' });
  });

  it('holds at most 2 uploads per courier and 4 in all; beyond that 429 UPLOADS_BUSY with Retry-After; a dropped upload keeps nothing', async () => {
    const own = {
      courier1: await bookingEnRouteWith('courier1@demo.geomdan.kr'),
      courier2: await bookingEnRouteWith('courier2@demo.geomdan.kr'),
      courier3: await bookingEnRouteWith('courier3@demo.geomdan.kr'),
    };
    // Held past 14 MB written and drained: more than the socket buffers take, so the server is reading them.
    const hold = (courier: keyof typeof own) =>
      upload(apiUrl, pickupPath(own[courier]), tokens[courier], [...pickupForm(3), ...photos(3, 7 * MB)], {
        holdAt: 14 * MB,
      });
    const probe = (courier: keyof typeof own) =>
      upload(apiUrl, pickupPath(own[courier]), tokens[courier], [...pickupForm(1), ...photos(1, 64 * 1024)]).answer;
    const held = [hold('courier1'), hold('courier1')];
    await Promise.all(held.map((h) => h.held));

    const third = await probe('courier1');
    expect(third.status).toBe(429);
    expect(third.body?.code).toBe('UPLOADS_BUSY');
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    held.push(hold('courier2'), hold('courier2'));
    await Promise.all(held.map((h) => h.held));
    const fifth = await probe('courier3');
    expect(fifth.status).toBe(429);
    expect(fifth.body?.code).toBe('UPLOADS_BUSY');

    // Dropped mid-body: the photos already streamed to storage are removed again.
    const closed = held.map((h) => h.answer.catch(() => null));
    held.forEach((h) => h.abort());
    await Promise.all(closed);
    const afterDrop = await probe('courier3');
    expect(afterDrop.status).toBe(200);
    expect(storedFor(own.courier3)).toHaveLength(1);
    // The client's abort returns at once; the api removes what it stored when it sees the close.
    const empty = (files: string[]) => files.length === 0;
    await eventually(async () => storedFor(own.courier1), empty, 'photos of the dropped uploads (courier1)', 10_000);
    await eventually(async () => storedFor(own.courier2), empty, 'photos of the dropped uploads (courier2)', 10_000);
  });

  it('keeps the api’s memory bounded while 6 uploads of 40 MB stream at once (4 to own bookings, 2 to a foreign one)', async () => {
    const couriers = ['courier1', 'courier1', 'courier2', 'courier3'];
    const own = await Promise.all(couriers.map((c) => bookingEnRouteWith(`${c}@demo.geomdan.kr`)));
    const foreign = await bookingEnRouteWith('courier2@demo.geomdan.kr');
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const forty = () => [...pickupForm(5), ...photos(5, 8_000_000)];
      const answers = await Promise.all([
        ...own.map((id, i) => upload(apiUrl, pickupPath(id), tokens[couriers[i]], forty()).answer),
        ...[1, 2].map(() => upload(apiUrl, pickupPath(foreign), tokens.courier3, forty()).answer),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 404, 404]);
    } finally {
      clearInterval(sampler);
    }
    // 4 × 40 MB were read and stored: buffered whole, they alone would take 160 MB.
    expect(peak - baseline).toBeLessThan(64 * MB);
    for (const id of own) expect(storedFor(id)).toHaveLength(5);
    expect(storedFor(foreign)).toEqual([]);
  });
});
