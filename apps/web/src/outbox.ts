import { ApiError, request } from './api';
import { deletePhotos, getPhotos } from './photo-store';

/**
 * Staff actions survive brief losses of signal: each is stored with the time it really happened
 * (occurredAt) and sent in order once the network answers. A 4xx answer means the server refused
 * the action for good (it is dropped and reported); a network failure keeps it queued.
 */
export interface QueuedAction {
  id: string;
  method: 'POST';
  path: string;
  body: Record<string, unknown>;
  occurredAt: string;
  label: string;
  /** What the step is, for the screen to name it in the page's language (absent on actions queued by older pages). */
  step?: { kind: StaffStep; subject: string };
  /** Name of the body field that carries the real time of the action; null when the endpoint takes none yet. */
  timeField: 'occurredAt' | null;
  /**
   * Sent as multipart/form-data instead of JSON: `body` holds the text fields (strings) and the
   * files are kept in IndexedDB (photo-store) under `photosId`, appended as `fileField`.
   */
  multipart?: { photosId: string; fileField: string };
}

export type StaffStep =
  'arrive' | 'pickup' | 'dropoff' | 'no-show' | 'en-route' | 'luggage-pickup' | 'in-transit' | 'deliver';

/** Code reported when a queued action's photos are no longer on the phone (the action cannot be sent). */
export const PHOTOS_LOST = 'PHOTOS_LOST';

const KEY = 'geomdan.staff.outbox';

export function pending(): QueuedAction[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as QueuedAction[];
  } catch {
    return [];
  }
}

function save(list: QueuedAction[]): void {
  localStorage.setItem(KEY, JSON.stringify(list));
}

export function enqueue(action: Omit<QueuedAction, 'id' | 'occurredAt'> & { occurredAt?: string }): QueuedAction {
  const item: QueuedAction = {
    ...action,
    id: crypto.randomUUID(),
    occurredAt: action.occurredAt ?? new Date().toISOString(),
  };
  save([...pending(), item]);
  return item;
}

export interface FlushResult {
  sent: number;
  /** The actions the server accepted (2xx), oldest first: only these may be shown as done. */
  confirmed: QueuedAction[];
  /** `error` is the server's refusal (absent for PHOTOS_LOST, decided on the phone). */
  refused: Array<{ action: QueuedAction; code: string; error?: ApiError }>;
  left: number;
}

/** What the screen says about actions not yet sent: how many, and how long the oldest has waited. */
export function queueSummary(queued: QueuedAction[], now: Date): { count: number; oldestSeconds: number } {
  if (!queued.length) return { count: 0, oldestSeconds: 0 };
  const oldest = Math.min(...queued.map((a) => new Date(a.occurredAt).getTime()));
  return { count: queued.length, oldestSeconds: Math.max(0, Math.floor((now.getTime() - oldest) / 1000)) };
}

let running: Promise<FlushResult> | null = null;
let followUp: Promise<FlushResult> | null = null;

/**
 * Sends queued actions oldest first; stops at the first network failure to keep the order.
 * One run at a time. A flush asked for during a run gets one more run after it, since the run
 * under way may have read the queue before the caller's action was added.
 *
 * `running` is cleared by a callback on the run's promise, never inside the run: an async body
 * may finish (an empty queue) before its promise could be assigned, and would then clear nothing
 * and leave a settled run in place for ever (the staff actions were never sent again).
 */
export function flush(): Promise<FlushResult> {
  if (!running) {
    const run = sendQueued();
    running = run;
    const clear = () => {
      if (running === run) running = null;
    };
    run.then(clear, clear);
    return run;
  }
  followUp ??= running
    .catch(() => undefined)
    .then(() => {
      followUp = null;
      return flush();
    });
  return followUp;
}

async function sendQueued(): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, confirmed: [], refused: [], left: 0 };
  try {
    for (;;) {
      const [head] = pending();
      if (!head) break;
      const body = head.timeField ? { ...head.body, [head.timeField]: head.occurredAt } : head.body;
      try {
        if (head.multipart) {
          const files = await getPhotos(head.multipart.photosId);
          if (!files) {
            result.refused.push({ action: head, code: PHOTOS_LOST });
            save(pending().filter((a) => a.id !== head.id));
            continue;
          }
          const form = new FormData();
          for (const [name, value] of Object.entries(body)) form.set(name, String(value));
          for (const f of files) form.append(head.multipart.fileField, f);
          await request('POST', head.path, { form, headers: { 'Idempotency-Key': head.id } });
        } else {
          await request('POST', head.path, { body, headers: { 'Idempotency-Key': head.id } });
        }
        result.sent += 1;
        result.confirmed.push(head);
      } catch (error) {
        // 401: the session lapsed (not the action's fault): keep it for after the next sign-in.
        if (
          error instanceof ApiError &&
          error.status >= 400 &&
          error.status < 500 &&
          ![401, 408, 429].includes(error.status)
        ) {
          result.refused.push({ action: head, code: error.code, error });
        } else {
          break;
        }
      }
      // A definitive answer (sent or refused): the kept photos are no longer needed.
      if (head.multipart) await deletePhotos(head.multipart.photosId).catch(() => undefined);
      save(pending().filter((a) => a.id !== head.id));
    }
  } finally {
    result.left = pending().length;
  }
  return result;
}
