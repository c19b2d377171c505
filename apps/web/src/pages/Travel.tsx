import { FormEvent, useMemo, useRef, useState } from 'react';
import { api, newKey } from '../api';
import { useI18n } from '../i18n';
import { errorText, Shell } from '../shell';
import { rememberPin, useLuggagePlaces } from './Track';

interface Quote {
  quoteToken: string;
  expiresAt: string;
  direction: string;
  priceKrw: number;
  breakdown: { baseKrw: number; bagsKrw: number; zone: string; zoneSurchargeKrw: number; totalKrw: number };
  serviceDate: string;
  pickupWindow: { start: string; end: string };
  deliveryWindow: { start: string; end: string };
  deadline: string;
  nextSlotOffered: boolean;
}

interface Booked {
  id: string;
  reference: string;
  pin: string;
  trackingToken: string;
  priceKrw: number;
}

/** datetime-local (read as Seoul time) → ISO with +09:00. */
const seoulIso = (local: string) => `${local.length === 16 ? `${local}:00` : local}+09:00`;

export function TravelPage() {
  const i = useI18n();
  const { t } = i;
  const places = useLuggagePlaces();
  const [origin, setOrigin] = useState('');
  const [destination, setDestination] = useState('');
  const [bags, setBags] = useState({ carry_on: 0, suitcase: 1, oversize: 0 });
  const [flightNumber, setFlightNumber] = useState('');
  const [flightAt, setFlightAt] = useState('');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [contact, setContact] = useState({ name: '', phone: '', email: '' });
  const [confirmed, setConfirmed] = useState(false);
  const [booked, setBooked] = useState<Booked | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());
  const options = useMemo(() => [...places.values()].sort((a, b) => i.name(a.name).localeCompare(i.name(b.name))), [places, i]);

  const request = () => ({ origin, destination, bags, flightNumber: flightNumber.trim().toUpperCase(), flightAt: seoulIso(flightAt) });

  const getQuote = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setQuote(await api.post<Quote>('/v1/luggage/quotes', request(), { auth: false }));
    } catch (err) {
      setError(errorText(i, err));
    } finally {
      setBusy(false);
    }
  };

  const book = async (e: FormEvent) => {
    e.preventDefault();
    if (!quote) return;
    setBusy(true);
    setError(null);
    try {
      const b = await api.post<Booked>(
        '/v1/luggage/bookings',
        { ...request(), quoteToken: quote.quoteToken, contact, language: i.locale, prohibitedItemsConfirmed: confirmed },
        { auth: false, headers: { 'Idempotency-Key': key.current } },
      );
      rememberPin(b.reference, b.pin);
      setBooked(b);
    } catch (err) {
      setError(errorText(i, err));
    } finally {
      setBusy(false);
    }
  };

  if (booked) {
    const link = `/track/${encodeURIComponent(booked.trackingToken)}`;
    return (
      <Shell title={t('travel.title')}>
        <section className="card" aria-labelledby="booked-title" data-testid="booked">
          <h2 id="booked-title">{t('travel.booked', { ref: booked.reference })}</h2>
          <p>{t('travel.pinIs')}</p>
          <p className="pin-code" data-testid="booked-pin">
            {booked.pin}
          </p>
          <p className="muted">{t('track.pinHint')}</p>
          <a className="button primary" href={link} data-testid="tracking-link">
            {t('travel.openTracking')}
          </a>
        </section>
      </Shell>
    );
  }

  const bagField = (k: keyof typeof bags, label: string) => (
    <label>
      {label}
      <input type="number" min={0} max={20} value={bags[k]} name={k} onChange={(e) => setBags({ ...bags, [k]: Number(e.target.value) })} />
    </label>
  );

  return (
    <Shell title={t('travel.title')}>
      <div className="stack">
        <form className="card form" onSubmit={(e) => void getQuote(e)} aria-labelledby="quote-title">
          <h2 id="quote-title">{t('travel.quote')}</h2>
          <label>
            {t('travel.origin')}
            <select required value={origin} name="origin" onChange={(e) => setOrigin(e.target.value)}>
              <option value="">{t('form.choose')}</option>
              {options.map((p) => (
                <option key={p.code} value={p.code}>
                  {i.name(p.name)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('travel.destination')}
            <select required value={destination} name="destination" onChange={(e) => setDestination(e.target.value)}>
              <option value="">{t('form.choose')}</option>
              {options.map((p) => (
                <option key={p.code} value={p.code}>
                  {i.name(p.name)}
                </option>
              ))}
            </select>
          </label>
          <div className="grid3">
            {bagField('carry_on', t('travel.carryOn'))}
            {bagField('suitcase', t('travel.suitcase'))}
            {bagField('oversize', t('travel.oversize'))}
          </div>
          <label>
            {t('travel.flight')}
            <input required name="flightNumber" value={flightNumber} placeholder="KE123" onChange={(e) => setFlightNumber(e.target.value)} />
          </label>
          <label>
            {t('travel.flightAt')}
            <input required type="datetime-local" name="flightAt" value={flightAt} onChange={(e) => setFlightAt(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {t('travel.getQuote')}
          </button>
        </form>
        {quote && (
          <form className="card form" onSubmit={(e) => void book(e)} aria-labelledby="offer-title" data-testid="quote">
            <h2 id="offer-title">{t('travel.price', { price: i.won(quote.priceKrw) })}</h2>
            <p>{t('travel.pickupWindow', { from: i.dateTime(quote.pickupWindow.start), to: i.time(quote.pickupWindow.end) })}</p>
            <p>{t('travel.deliveryBy', { time: i.dateTime(quote.deadline) })}</p>
            {quote.nextSlotOffered && <p className="warning">{t('travel.nextSlot')}</p>}
            <label>
              {t('travel.name')}
              <input required name="name" autoComplete="name" value={contact.name} onChange={(e) => setContact({ ...contact, name: e.target.value })} />
            </label>
            <label>
              {t('travel.phone')}
              <input required type="tel" name="phone" autoComplete="tel" value={contact.phone} onChange={(e) => setContact({ ...contact, phone: e.target.value })} />
            </label>
            <label>
              {t('travel.email')}
              <input required type="email" name="email" autoComplete="email" value={contact.email} onChange={(e) => setContact({ ...contact, email: e.target.value })} />
            </label>
            <label className="check">
              <input type="checkbox" name="prohibited" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} required /> {t('travel.prohibited')}
            </label>
            <button type="submit" className="primary" disabled={busy}>
              {t('travel.book')}
            </button>
          </form>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Shell>
  );
}
