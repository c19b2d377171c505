import { FormEvent, useState } from 'react';
import type { CataloguePlace, Ride } from '@app/contract';
import { api } from '../../api';
import { Dialog } from '../../components/dialog';
import { PlaceSelect } from '../../components/place-select';
import { useI18n } from '../../i18n';
import { errorText } from '../../shell';
import { useSubmission } from '../../submit';
import { seoulDay } from '../../time';

export function PhoneBookingDialog({
  stops,
  onClose,
  onBooked,
}: {
  areaId: string;
  stops: CataloguePlace[];
  onClose: () => void;
  onBooked: (r: Ride) => void;
}) {
  const i = useI18n();
  const { t } = i;
  const [form, setForm] = useState({
    callerName: '',
    callerPhone: '',
    pickupStopId: '',
    dropoffStopId: '',
    passengers: 1,
  });
  const [when, setWhen] = useState<{ mode: 'now' | 'depart_at' | 'arrive_by'; date: string; time: string }>(() => ({
    mode: 'now',
    date: seoulDay(),
    time: '',
  }));
  const [error, setError] = useState<string | null>(null);
  const { busy, send } = useSubmission();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    // Seoul keeps +09:00 all year: the picked date and time are Seoul's whatever the PC's zone.
    const timing =
      when.mode === 'now'
        ? { timeMode: 'now' }
        : { timeMode: when.mode, at: new Date(`${when.date}T${when.time}:00+09:00`).toISOString() };
    const ride = await send(
      (key) => api.post<Ride>('/v1/dispatch/rides', { ...form, ...timing }, { headers: { 'Idempotency-Key': key } }),
      (err) => setError(errorText(i, err)),
    );
    if (ride) onBooked(ride);
  };
  const field = (k: 'callerName' | 'callerPhone', label: string, type = 'text') => (
    <label>
      {label}
      <input
        required
        type={type}
        value={form[k]}
        name={k}
        onChange={(e) => setForm({ ...form, [k]: e.target.value })}
      />
    </label>
  );
  const stopSelect = (k: 'pickupStopId' | 'dropoffStopId', label: string) => (
    <PlaceSelect
      label={label}
      name={k}
      value={form[k]}
      onChange={(id) => setForm({ ...form, [k]: id })}
      places={stops}
    />
  );
  return (
    <Dialog labelledBy="phone-title" onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <h2 id="phone-title">{t('board.phoneBooking')}</h2>
        {field('callerName', t('board.callerName'))}
        {field('callerPhone', t('board.callerPhone'), 'tel')}
        {stopSelect('pickupStopId', t('rider.pickup'))}
        {stopSelect('dropoffStopId', t('rider.dropoff'))}
        <label>
          {t('rider.passengers')}
          <input
            type="number"
            min={1}
            max={15}
            value={form.passengers}
            name="passengers"
            onChange={(e) => setForm({ ...form, passengers: Number(e.target.value) })}
          />
        </label>
        <fieldset className="segmented">
          <legend>{t('board.when')}</legend>
          {(['now', 'depart_at', 'arrive_by'] as const).map((mode) => (
            <label key={mode}>
              <input
                type="radio"
                name="timeMode"
                value={mode}
                checked={when.mode === mode}
                onChange={() => setWhen({ ...when, mode })}
              />
              {t(mode === 'now' ? 'board.whenNow' : mode === 'depart_at' ? 'board.whenDepart' : 'board.whenArrive')}
            </label>
          ))}
          {when.mode !== 'now' && (
            <div className="row">
              <label>
                {t('board.date')}
                <input
                  required
                  type="date"
                  name="date"
                  min={seoulDay()}
                  value={when.date}
                  onChange={(e) => setWhen({ ...when, date: e.target.value })}
                />
              </label>
              <button
                type="button"
                className="small"
                onClick={() => setWhen({ ...when, date: seoulDay(new Date(Date.now() + 86_400_000)) })}
                data-testid="tomorrow"
              >
                {t('board.tomorrow')}
              </button>
              <label>
                {t('board.time')}
                <input
                  required
                  type="time"
                  name="time"
                  value={when.time}
                  onChange={(e) => setWhen({ ...when, time: e.target.value })}
                />
              </label>
            </div>
          )}
        </fieldset>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {t('rider.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('form.close')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
