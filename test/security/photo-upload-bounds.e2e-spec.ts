import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { RunningStack, signIn, startStack } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';

const MB = 1024 * 1024;

/**
 * Streams a multipart upload of `totalBytes` in 1 MB chunks, waiting for each to drain, and
 * stops once the answer came: returns the status and how many bytes had been sent by then.
 */
function upload(baseUrl: string, path: string, token: string, totalBytes: number): Promise<{ status: number; sentBeforeAnswer: number }> {
  const url = new URL(path, baseUrl);
  const boundary = 'geomdan-upload-bound';
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` } },
      (res) => {
        answered = true;
        resolve({ status: res.statusCode ?? 0, sentBeforeAnswer: sent });
        res.resume();
        req.destroy();
      },
    );
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(MB, 0x41);
    let file = 0;
    const pump = () => {
      while (!answered && sent < totalBytes) {
        // A new file part every 4 MB (under the per-photo limit), each a would-be JPEG.
        const head = sent % (4 * MB) === 0 ? Buffer.from(`${file++ ? '\r\n' : ''}--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="bag${file}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`) : Buffer.alloc(0);
        sent += chunk.length;
        if (!req.write(Buffer.concat([head, chunk]))) return void req.once('drain', pump);
      }
      if (!answered) req.end(`\r\n--${boundary}--\r\n`);
    };
    pump();
  });
}

describe('bag photo uploads are authorized before their body is read', () => {
  let ctx: TestContext;
  let stack: RunningStack;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    stack = await startStack(ctx);
  });
  afterAll(async () => {
    await stack?.close();
    await ctx?.dispose();
  });

  it('refuses an upload to a booking that is not the courier’s before reading most of its 120 MB', async () => {
    const courier = (await signIn(stack.apiUrl, 'courier1@demo.geomdan.kr', 'staff-demo-1234')).accessToken;
    const answers = await Promise.all([1, 2, 3].map(() => upload(stack.apiUrl, `/v1/luggage/courier/bookings/${randomUUID()}/pickup`, courier, 120 * MB)));
    for (const a of answers) {
      expect(a.status).toBe(404);
      // Socket buffers hold a few MB; reading the body would take all 120.
      expect(a.sentBeforeAnswer).toBeLessThan(24 * MB);
    }
  });
});
