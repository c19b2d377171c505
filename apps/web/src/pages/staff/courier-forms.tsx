import { ChangeEvent, FormEvent, useRef, useState } from 'react';
import type { CourierTask } from '@app/contract';
import { useI18n } from '../../i18n';
import { putPhotos } from '../../photo-store';
import { keepPickupTags, readPickupTags } from '../../pickup-draft';

export interface QueuedPickup {
  fields: Record<string, string>;
  photosId: string;
  occurredAt: string;
}

/**
 * One photo and one tag per bag. Queued like the other steps: the photos are kept in IndexedDB
 * and the pickup is sent (in order, with the time the button was pressed) once there is signal.
 */
export function PickupForm({ task, onQueued }: { task: CourierTask; onQueued: (pickup: QueuedPickup) => void }) {
  const { t } = useI18n();
  const [photos, setPhotos] = useState<Array<File | null>>(() => Array.from({ length: task.bags.total }, () => null));
  // Kept in the tab: a refused pickup remounts this form, and the typed tags must not be lost.
  const [tags, setTagsState] = useState<string[]>(() => readPickupTags(task.id, task.bags.total));
  const setTags = (next: string[]) => {
    setTagsState(next);
    keepPickupTags(task.id, next);
  };
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputs = useRef<Array<HTMLInputElement | null>>([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (photos.some((p) => !p)) {
      setError(t('staff.photoPerBag'));
      return;
    }
    // The time the pickup really happened, before the photos are written.
    const occurredAt = new Date().toISOString();
    setBusy(true);
    setError(null);
    try {
      const photosId = await putPhotos(photos as File[]);
      onQueued({
        fields: { bagCount: String(task.bags.total), tags: JSON.stringify(tags.map((x) => x.trim().toUpperCase())) },
        photosId,
        occurredAt,
      });
    } catch {
      setError(t('staff.photosNotKept'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      {photos.map((p, n) => (
        <fieldset key={n} className="bag">
          <legend>{t('staff.bag', { n: n + 1 })}</legend>
          <label>
            {t('staff.tag')}
            <input
              required
              value={tags[n]}
              name={`tag-${n}`}
              onChange={(e) => setTags(tags.map((x, k) => (k === n ? e.target.value : x)))}
            />
          </label>
          <label className="button secondary">
            {p ? t('staff.photoTaken') : t('staff.takePhoto')}
            <input
              ref={(el) => {
                inputs.current[n] = el;
              }}
              className="visually-hidden"
              type="file"
              accept="image/*"
              capture="environment"
              name={`photo-${n}`}
              onChange={(e: ChangeEvent<HTMLInputElement>) =>
                setPhotos(photos.map((x, k) => (k === n ? (e.target.files?.[0] ?? null) : x)))
              }
            />
          </label>
        </fieldset>
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary huge" disabled={busy} data-testid="main-action">
        {t('staff.pickedUp')}
      </button>
    </form>
  );
}

export function DeliverForm({ task, onQueued }: { task: CourierTask; onQueued: (pin: string) => void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        onQueued(pin);
      }}
    >
      {task.handoverLocked && (
        <p className="error" role="alert">
          {t('staff.locked')}
        </p>
      )}
      <label>
        {t('staff.pin')}
        <input
          required
          inputMode="numeric"
          pattern="\d{6}"
          maxLength={6}
          value={pin}
          name="pin"
          onChange={(e) => setPin(e.target.value)}
        />
      </label>
      <button type="submit" className="primary huge" data-testid="main-action">
        {t('staff.deliver')}
      </button>
    </form>
  );
}
