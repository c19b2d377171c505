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
  /** Name of the body field that carries the real time of the action; null when the endpoint takes none yet. */
  timeField: 'occurredAt' | null;
  /**
   * Sent as multipart/form-data instead of JSON: `body` holds the text fields (strings) and the
   * files are kept in IndexedDB (photo-store) under `photosId`, appended as `fileField`.
   */
  multipart?: { photosId: string; fileField: string };
}

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
  const item: QueuedAction = { ...action, id: crypto.randomUUID(), occurredAt: action.occurredAt ?? new Date().toISOString() };
  save([...pending(), item]);
  return item;
}

let flushing: Promise<FlushResult> | null = null;

export interface FlushResult {
  sent: number;
  /** `error` is the server's refusal (absent for PHOTOS_LOST, decided on the phone). */
  refused: Array<{ action: QueuedAction; code: string; error?: ApiError }>;
  left: number;
}

/** Sends queued actions oldest first; stops at the first network failure to keep the order. */
export function flush(): Promise<FlushResult> {
  flushing ??= (async () => {
    const result: FlushResult = { sent: 0, refused: [], left: 0 };
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
        } catch (error) {
          // 401: the session lapsed (not the action's fault): keep it for after the next sign-in.
          if (error instanceof ApiError && error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status)) {
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
      flushing = null;
    }
    return result;
  })();
  return flushing;
}
