import { randomBytes } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import busboy from 'busboy';
import { Observable, catchError } from 'rxjs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { invalid, LuggageErrorCode, tooLarge } from '@app/domain';
import { PHOTO_STORAGE, PhotoStorage, SNIFF_BYTES, sniffImage, StoredPhoto } from './photo-storage';

/** The multipart field the photos come in (the staff page's name for it). */
export const PHOTO_FIELD = 'photos';
/** Form fields of a pickup: bagCount, tags, damageNotes, countMismatchConfirmed, lat, lng, occurredAt, with room to spare. */
export const MAX_FORM_FIELDS = 20;
/** One form field's value: 50 damage notes of 500 characters in UTF-8 fit. */
export const MAX_FORM_FIELD_BYTES = 96 * 1024;
/** busboy's bound on one part's headers. */
const PART_HEADER_BYTES = 16 * 1024;
const FORBIDDEN_FIELD_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Set on the request by CourierUploadGuard once the booking is the caller's. */
export interface PhotoUploadTarget {
  bookingId: string;
  serviceDate: string;
  /** The most photos one pickup may carry: the area's bag limit per booking. */
  maxPhotos: number;
}

export interface PhotoUploadRequest extends IncomingMessage {
  photoUpload?: PhotoUploadTarget;
  body?: unknown;
  storedPhotos?: StoredPhoto[];
}

/** Bytes read past a refusal's bound before the connection is cut (see discardRestOfBody). */
const DISCARD_SLACK_BYTES = 1024 * 1024;

/** How long a refused upload's connection lingers, unread and half-closed, before it is cut. */
const CLOSE_LINGER_MS = 1000;

/**
 * After a refusal: reads and drops the rest of the body, up to `capBytes`, then closes the
 * connection. A client that sends its whole body before reading the answer (browsers do) then
 * reads the refusal; closing at once would reset its connection (EPIPE) and lose the answer.
 * Closing is a lingering close, as web servers do it: reading stops (the sender stalls on a full
 * window), the answer is flushed and followed by FIN, and only then is the socket destroyed. A
 * destroy with the sender's bytes still unread sends RST, and an RST makes the client drop the
 * answer it had not read yet (ECONNRESET instead of the 413). Nothing is kept, and the cap bounds
 * the bytes read for nothing.
 */
export function discardRestOfBody(request: IncomingMessage, capBytes: number): void {
  if (request.complete || request.destroyed) return;
  let dropped = 0;
  const onData = (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped <= capBytes) return;
    request.off('data', onData);
    request.pause();
    const socket = request.socket;
    socket.end();
    setTimeout(() => socket.destroy(), CLOSE_LINGER_MS).unref();
  };
  request.on('data', onData);
  request.resume();
}

/**
 * The bound on a whole pickup body: the most its parts can hold. Beyond that are only bytes
 * busboy would read and discard (a preamble or epilogue around the parts), so the bound is what
 * stops a body from being read without end.
 */
export const maxPickupBytes = (maxPhotos: number, photoMaxBytes: number) =>
  maxPhotos * photoMaxBytes +
  MAX_FORM_FIELDS * MAX_FORM_FIELD_BYTES +
  (maxPhotos + MAX_FORM_FIELDS) * PART_HEADER_BYTES;

/**
 * One photo on its way to storage: holds its first bytes until the format is told from them,
 * then passes everything on, counting; more than `maxBytes` fails the stream (and so the put).
 */
class PhotoBytes extends Transform {
  readonly kind: Promise<{ mime: string; ext: string }>;
  private head: Buffer[] = [];
  private headBytes = 0;
  private total = 0;
  private sniffed = false;
  private told!: { resolve: (kind: { mime: string; ext: string }) => void; reject: (error: unknown) => void };

  constructor(
    private readonly index: number,
    private readonly maxBytes: number,
  ) {
    super();
    this.kind = new Promise((resolve, reject) => (this.told = { resolve, reject }));
    // Failures reach the caller through `kind` or through the storage's pipeline.
    this.kind.catch(() => undefined);
    this.on('error', () => undefined);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    if (this.total > this.maxBytes) {
      callback(
        tooLarge(LuggageErrorCode.PhotoTooLarge, `Photo ${this.index + 1} is larger than ${this.maxBytes} bytes.`, {
          index: this.index,
          maxBytes: this.maxBytes,
        }),
      );
      return;
    }
    if (this.sniffed) return callback(null, chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return callback();
    this.release(callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.sniffed) return callback();
    this.release(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.told.reject(error ?? new Error(`photo ${this.index + 1} closed before its format was known`));
    callback(error);
  }

  private release(callback: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    try {
      const kind = sniffImage(head, this.index);
      this.sniffed = true;
      this.told.resolve(kind);
      callback(null, head);
    } catch (error) {
      this.told.reject(error);
      callback(error as Error);
    }
  }
}

/**
 * Reads the pickup's multipart body as it arrives and streams each photo to the storage port:
 * no photo is ever held whole in memory. Bounded per photo, in number (the area's bag limit)
 * and in total (413 with a stable code); the first refusal stops parsing (the rest of the body is
 * dropped, within a bound) and removes every photo this request stored, as does any later refusal of
 * the step (validation, booking state). Runs after CourierUploadGuard.
 */
@Injectable()
export class PickupPhotosInterceptor implements NestInterceptor {
  private readonly logger = new Logger(PickupPhotosInterceptor.name);

  constructor(
    @Inject(PHOTO_STORAGE) private readonly storage: PhotoStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<PhotoUploadRequest>();
    const target = request.photoUpload;
    if (!target) throw new Error('PickupPhotosInterceptor runs only behind CourierUploadGuard');
    // Not multipart: no photos, and the body parsers already read what there was (the service refuses it).
    if (!/^multipart\/form-data/i.test(request.headers['content-type'] ?? '')) return next.handle();
    const form = await this.read(request, target);
    request.body = form.fields;
    const photos = form.photos;
    request.storedPhotos = photos;
    return next.handle().pipe(
      catchError(async (error: unknown) => {
        await this.removeAll(photos);
        throw error;
      }),
    );
  }

  async removeAll(photos: StoredPhoto[]): Promise<void> {
    await Promise.all(
      photos.map((p) =>
        this.storage
          .remove(p.key)
          .catch((e: unknown) => this.logger.warn(`photo ${p.key} not removed: ${(e as Error).message}`)),
      ),
    );
  }

  private async read(
    request: PhotoUploadRequest,
    target: PhotoUploadTarget,
  ): Promise<{ fields: Record<string, string | string[]>; photos: StoredPhoto[] }> {
    const photoMaxBytes = this.config.luggage.photoMaxBytes;
    const maxBytes = maxPickupBytes(target.maxPhotos, photoMaxBytes);
    const overall = () =>
      tooLarge(LuggageErrorCode.UploadTooLarge, `A pickup upload is at most ${maxBytes} bytes.`, { maxBytes });
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      discardRestOfBody(request, maxBytes);
      throw overall();
    }

    let parser: busboy.Busboy;
    try {
      // busboy's own fileSize limit truncates silently: PhotoBytes refuses instead.
      parser = busboy({
        headers: request.headers,
        limits: {
          files: target.maxPhotos,
          fields: MAX_FORM_FIELDS,
          fieldSize: MAX_FORM_FIELD_BYTES,
          parts: target.maxPhotos + MAX_FORM_FIELDS,
        },
      });
    } catch (error) {
      throw invalid(
        LuggageErrorCode.UploadMalformed,
        `The multipart body cannot be read: ${(error as Error).message}.`,
      );
    }

    const fields: Record<string, string | string[]> = {};
    const stored: StoredPhoto[] = [];
    const writing: Promise<void>[] = [];
    const open = new Set<Readable>();
    let received = 0;
    let failure: unknown = null;
    let photoCount = 0;

    const parsed = new Promise<void>((resolve, reject) => {
      const countBytes = (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) fail(overall());
      };
      const onClose = () => {
        if (!request.complete) fail(invalid(LuggageErrorCode.UploadMalformed, 'The upload was cut off.'));
      };
      const fail = (error: unknown) => {
        if (failure) return;
        failure = error;
        // Stop parsing: nothing more of this body reaches memory or storage.
        request.unpipe(parser);
        request.off('data', countBytes);
        discardRestOfBody(request, Math.max(maxBytes - received, 0) + DISCARD_SLACK_BYTES);
        for (const stream of open) stream.destroy(error as Error);
        reject(error as Error);
      };
      request.on('data', countBytes);
      request.on('close', onClose);

      parser.on('field', (name, value, info) => {
        if (failure) return;
        if (info.nameTruncated || info.valueTruncated)
          return fail(
            tooLarge(LuggageErrorCode.UploadTooLarge, `Form field "${name}" is over ${MAX_FORM_FIELD_BYTES} bytes.`, {
              field: name,
              maxBytes: MAX_FORM_FIELD_BYTES,
            }),
          );
        if (FORBIDDEN_FIELD_NAMES.has(name)) return;
        const previous = fields[name];
        fields[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
      });
      parser.on('file', (name, file) => {
        const index = photoCount++;
        if (failure) return void file.resume();
        if (name !== PHOTO_FIELD) {
          file.resume();
          return fail(
            invalid(
              LuggageErrorCode.UploadMalformed,
              `Unexpected file field "${name}": photos go in "${PHOTO_FIELD}".`,
              { field: name },
            ),
          );
        }
        const photo = new PhotoBytes(index, photoMaxBytes);
        open.add(photo);
        file.on('error', (error: Error) => photo.destroy(error));
        file.pipe(photo);
        writing.push(
          (async () => {
            try {
              const kind = await photo.kind;
              // The tag may arrive after the photo, so the key does not carry it: the bag row maps tag → photo.
              const key = `${target.serviceDate}/${target.bookingId}/bag${index + 1}-${randomBytes(4).toString('hex')}.${kind.ext}`;
              const put = await this.storage.put(key, photo, kind.mime);
              stored[index] = { key: put.key, mime: kind.mime, bytes: put.bytes };
            } catch (error) {
              fail(error);
            } finally {
              open.delete(photo);
            }
          })(),
        );
      });
      parser.on('filesLimit', () =>
        fail(
          tooLarge(
            LuggageErrorCode.TooManyPhotos,
            `A pickup carries at most ${target.maxPhotos} photos, one per bag.`,
            { maxPhotos: target.maxPhotos },
          ),
        ),
      );
      parser.on('fieldsLimit', () => fail(overall()));
      parser.on('partsLimit', () => fail(overall()));
      parser.on('error', (error: Error) =>
        fail(invalid(LuggageErrorCode.UploadMalformed, `The multipart body cannot be read: ${error.message}.`)),
      );
      parser.on('close', () => {
        request.off('close', onClose);
        resolve();
      });
      request.pipe(parser);
    });

    await parsed.catch(() => undefined);
    // Photos still streaming finish (or fail) before the answer, so none is left behind.
    await Promise.all(writing);
    if (failure) {
      await this.removeAll(stored.filter(Boolean));
      throw failure;
    }
    return { fields, photos: stored };
  }
}
