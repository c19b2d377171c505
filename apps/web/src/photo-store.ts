/**
 * Bag photos of a queued pickup, kept in IndexedDB (too large for localStorage) until the pickup
 * is sent. Stored as bytes with their name and type, so any browser can keep them.
 */
export interface StoredPhoto {
  name: string;
  type: string;
  bytes: ArrayBuffer;
}

const DB = 'geomdan.staff.photos';
const STORE = 'photos';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
  });
}

async function run<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T | undefined> {
  const db = await open();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req ? req.result : undefined);
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('indexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

/** Stores the photos under one new id (returned); resolves once they are written. */
export async function putPhotos(files: File[]): Promise<string> {
  const id = crypto.randomUUID();
  const photos: StoredPhoto[] = await Promise.all(
    files.map(async (f) => ({ name: f.name, type: f.type, bytes: await f.arrayBuffer() })),
  );
  await run('readwrite', (store) => {
    store.put(photos, id);
  });
  return id;
}

/** The photos stored under this id, as files; null when they are gone. */
export async function getPhotos(id: string): Promise<File[] | null> {
  const photos =
    (await run<StoredPhoto[] | undefined>(
      'readonly',
      (store) => store.get(id) as IDBRequest<StoredPhoto[] | undefined>,
    )) ?? null;
  return photos ? photos.map((p) => new File([p.bytes], p.name, { type: p.type })) : null;
}

export async function deletePhotos(id: string): Promise<void> {
  await run('readwrite', (store) => {
    store.delete(id);
  });
}
