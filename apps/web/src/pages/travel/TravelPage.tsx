import L from 'leaflet';
import { FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LuggageBookingCreated, Quote } from '@app/contract';
import { api } from '../../api';
import { baseMap } from '../../map';
import { useI18n } from '../../i18n';
import { errorText, Shell } from '../../shell';
import { FieldError, fieldErrorTexts, FieldErrors, fieldProps } from '../../fields';
import { ShareLink } from '../../share';
import { useSubmission } from '../../submit';
import { useLuggagePlaces } from '../../components/luggage-places';
import { rememberPin } from '../../components/pin-store';

/** datetime-local (read as Seoul time) → ISO with +09:00. */
const seoulIso = (local: string) => `${local.length === 16 ? `${local}:00` : local}+09:00`;

interface LatLng {
  lat: number;
  lng: number;
}
/** A home or other address: the text the courier reads and the pin on the map. */
interface Address extends LatLng {
  text: string;
}
/** What a quote asks and the booking repeats: each side a catalogue code or an address. */
interface TripRequest {
  origin?: string;
  destination?: string;
  originAddress?: Address;
  destinationAddress?: Address;
  bags: { carry_on: number; suitcase: number; oversize: number };
  flightNumber: string;
  flightAt: string;
}
/** [lng, lat] outer ring of a luggage area (GeoJSON Polygon). */
type Ring = Array<[number, number]>;

/** Six decimals (about 10 cm): what is shown is exactly what is sent. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Ray casting on the outer ring: a quick check before asking the server (which decides). */
function inRing(p: LatLng, ring: Ring): boolean {
  let inside = false;
  for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
    const [xa, ya] = ring[a];
    const [xb, yb] = ring[b];
    if (ya > p.lat !== yb > p.lat && p.lng < ((xb - xa) * (p.lat - ya)) / (yb - ya) + xa) inside = !inside;
  }
  return inside;
}

/** Outer rings of the luggage areas, from the public catalogue. */
function useLuggageRings(): Ring[] {
  const [rings, setRings] = useState<Ring[]>([]);
  useEffect(() => {
    api
      .get<Array<{ kind: string; boundary: { type?: string; coordinates?: Ring[] } | null }>>('/v1/areas', {
        auth: false,
      })
      .then((areas) =>
        setRings(
          areas
            .filter((a) => a.kind === 'luggage' && a.boundary?.type === 'Polygon' && a.boundary.coordinates?.[0])
            .map((a) => a.boundary!.coordinates![0]),
        ),
      )
      .catch(() => undefined);
  }, []);
  return rings;
}

export function TravelPage() {
  const i = useI18n();
  const { t } = i;
  const places = useLuggagePlaces();
  const rings = useLuggageRings();
  const [direction, setDirection] = useState<'to_airport' | 'from_airport'>('to_airport');
  const [airport, setAirport] = useState('');
  /** The side that is not the airport: a hotel from the list, or the traveller's own address. */
  const [sideKind, setSideKind] = useState<'hotel' | 'home'>('hotel');
  const [hotel, setHotel] = useState('');
  const [addressText, setAddressText] = useState('');
  const [pin, setPin] = useState<LatLng | null>(null);
  const [bags, setBags] = useState({ carry_on: 0, suitcase: 1, oversize: 0 });
  const [flightNumber, setFlightNumber] = useState('');
  const [flightAt, setFlightAt] = useState('');
  /** The quote with the request it answered: the booking repeats that request exactly. */
  const [quoted, setQuoted] = useState<{ request: TripRequest; key: string; quote: Quote } | null>(null);
  const [contact, setContact] = useState({ name: '', phone: '', email: '' });
  const [confirmed, setConfirmed] = useState(false);
  const [booked, setBooked] = useState<LuggageBookingCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const booking = useSubmission();
  const [fields, setFields] = useState<FieldErrors>({});
  const sorted = useMemo(
    () => [...places.values()].sort((a, b) => i.name(a.name).localeCompare(i.name(b.name))),
    [places, i],
  );
  const airports = sorted.filter((p) => p.kind === 'airport');
  const hotels = sorted.filter((p) => p.kind === 'hotel');
  const toAirport = direction === 'to_airport';
  const side = toAirport ? 'origin' : 'destination';
  const address: Address | null =
    sideKind === 'home' && pin ? { text: addressText.trim(), lat: pin.lat, lng: pin.lng } : null;
  const outside = sideKind === 'home' && !!pin && rings.length > 0 && !rings.some((r) => inRing(pin, r));

  const buildRequest = (): TripRequest => {
    const local: Partial<TripRequest> =
      sideKind === 'hotel' ? { [side]: hotel } : { [`${side}Address` as const]: address ?? undefined };
    return {
      ...local,
      [toAirport ? 'destination' : 'origin']: airport,
      bags,
      flightNumber: flightNumber.replace(/\s+/g, '').toUpperCase(),
      flightAt: seoulIso(flightAt),
    };
  };
  // A change to the form after the quote hides the offer: the booking must repeat what was quoted.
  const current = sideKind === 'home' && !pin ? null : JSON.stringify(buildRequest());
  const quote = quoted && quoted.key === current ? quoted.quote : null;

  const pinAt = useCallback((p: LatLng) => {
    setPin(p);
    setError(null);
  }, []);

  const getQuote = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (sideKind === 'home' && !pin) {
      setError(t('travel.pinNeeded'));
      return;
    }
    if (outside) {
      setError(t('code.LUGGAGE_ADDRESS_OUTSIDE_AREA'));
      return;
    }
    setBusy(true);
    try {
      const request = buildRequest();
      const answer = await api.post<Quote>('/v1/luggage/quotes', request, { auth: false });
      // A new offer is a new booking attempt; retries of one booking (same offer) keep their key.
      booking.renew();
      setQuoted({ request, key: JSON.stringify(request), quote: answer });
      setFields({});
    } catch (err) {
      setFields(fieldErrorTexts(t, err));
      setError(errorText(i, err));
    } finally {
      setBusy(false);
    }
  };

  const book = async (e: FormEvent) => {
    e.preventDefault();
    if (!quote || !quoted) return;
    setError(null);
    const b = await booking.send(
      (key) =>
        api.post<LuggageBookingCreated>(
          '/v1/luggage/bookings',
          {
            ...quoted.request,
            quoteToken: quote.quoteToken,
            contact,
            language: i.locale,
            prohibitedItemsConfirmed: confirmed,
          },
          { auth: false, headers: { 'Idempotency-Key': key } },
        ),
      (err) => {
        setFields(fieldErrorTexts(t, err));
        setError(errorText(i, err));
      },
    );
    if (!b) return;
    setFields({});
    rememberPin(b.reference, b.pin);
    setBooked(b);
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
          <p data-testid="booked-price">{t('travel.bookedPrice', { price: i.won(booked.priceKrw) })}</p>
          <p data-testid="booked-window">
            {t('travel.pickupWindow', {
              from: i.dateTime(booked.pickupWindow.start),
              to: i.time(booked.pickupWindow.end),
            })}
          </p>
          <p data-testid="booked-deadline">{t('travel.deliveryBy', { time: i.dateTime(booked.deadline) })}</p>
          <label>
            {t('travel.trackingLink')}
            <input
              readOnly
              value={booked.trackingUrl}
              onFocus={(e) => e.currentTarget.select()}
              name="trackingUrl"
              aria-describedby="tracking-hint"
            />
          </label>
          <p id="tracking-hint" className="muted">
            {t('travel.trackingHint')}
          </p>
          <ShareLink url={booked.trackingUrl} title={t('travel.booked', { ref: booked.reference })} />
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
      <input
        type="number"
        min={0}
        max={20}
        value={bags[k]}
        name={k}
        onChange={(e) => setBags({ ...bags, [k]: Number(e.target.value) })}
      />
    </label>
  );

  const airportSelect = (
    <label>
      {toAirport ? t('travel.toTerminal') : t('travel.fromTerminal')}
      <select
        required
        value={airport}
        name={toAirport ? 'destination' : 'origin'}
        onChange={(e) => setAirport(e.target.value)}
      >
        <option value="">{t('form.choose')}</option>
        {airports.map((p) => (
          <option key={p.code} value={p.code}>
            {i.name(p.name)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <Shell title={t('travel.title')}>
      <div className="stack">
        <form className="card form" onSubmit={(e) => void getQuote(e)} aria-labelledby="quote-title">
          <h2 id="quote-title">{t('travel.quote')}</h2>
          <fieldset className="choice">
            <legend>{t('travel.direction')}</legend>
            <label>
              <input
                type="radio"
                name="direction"
                value="to_airport"
                checked={toAirport}
                onChange={() => setDirection('to_airport')}
              />{' '}
              {t('travel.toAirport')}
            </label>
            <label>
              <input
                type="radio"
                name="direction"
                value="from_airport"
                checked={!toAirport}
                onChange={() => setDirection('from_airport')}
              />{' '}
              {t('travel.fromAirport')}
            </label>
          </fieldset>
          {!toAirport && airportSelect}
          <fieldset className="choice">
            <legend>{toAirport ? t('travel.origin') : t('travel.destination')}</legend>
            <label>
              <input
                type="radio"
                name="placeKind"
                value="hotel"
                checked={sideKind === 'hotel'}
                onChange={() => setSideKind('hotel')}
              />{' '}
              {t('travel.kindHotel')}
            </label>
            <label>
              <input
                type="radio"
                name="placeKind"
                value="home"
                checked={sideKind === 'home'}
                onChange={() => setSideKind('home')}
              />{' '}
              {t('travel.kindHome')}
            </label>
          </fieldset>
          {sideKind === 'hotel' ? (
            <label>
              {t('travel.hotel')}
              <select required value={hotel} name={side} onChange={(e) => setHotel(e.target.value)}>
                <option value="">{t('form.choose')}</option>
                {hotels.map((p) => (
                  <option key={p.code} value={p.code}>
                    {i.name(p.name)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <div className="address" data-testid="address">
              <label>
                {t('travel.address')}
                <input
                  required
                  name="address"
                  autoComplete="street-address"
                  minLength={4}
                  maxLength={200}
                  value={addressText}
                  aria-describedby="address-hint"
                  onChange={(e) => setAddressText(e.target.value)}
                />
              </label>
              <p id="address-hint" className="muted">
                {t('travel.addressHint')}
              </p>
              <p id="pin-hint" className="muted">
                {t('travel.mapHint')}
              </p>
              <PinMap pin={pin} onPin={pinAt} rings={rings} label={t('travel.mapLabel')} />
              <p
                className={pin && !outside ? 'pin-state' : 'pin-state warning'}
                role="status"
                data-testid="pin-state"
                data-pinned={pin ? 'true' : 'false'}
                data-lat={pin?.lat}
                data-lng={pin?.lng}
              >
                {pin ? t('travel.pinAt', { lat: pin.lat.toFixed(6), lng: pin.lng.toFixed(6) }) : t('travel.noPin')}
                {outside && ` ${t('code.LUGGAGE_ADDRESS_OUTSIDE_AREA')}`}
              </p>
            </div>
          )}
          {toAirport && airportSelect}
          <div className="grid3">
            {bagField('carry_on', t('travel.carryOn'))}
            {bagField('suitcase', t('travel.suitcase'))}
            {bagField('oversize', t('travel.oversize'))}
          </div>
          <label>
            {t('travel.flight')}
            <input
              required
              name="flightNumber"
              value={flightNumber}
              placeholder="KE123"
              onChange={(e) => setFlightNumber(e.target.value)}
              {...fieldProps(fields, 'flightNumber')}
            />
          </label>
          <FieldError errors={fields} name="flightNumber" />
          <label>
            {t('travel.flightAt')}
            <input
              required
              type="datetime-local"
              name="flightAt"
              value={flightAt}
              onChange={(e) => setFlightAt(e.target.value)}
              {...fieldProps(fields, 'flightAt')}
            />
          </label>
          <FieldError errors={fields} name="flightAt" />
          <button type="submit" className="primary" disabled={busy}>
            {t('travel.getQuote')}
          </button>
        </form>
        {quote && (
          <form className="card form" onSubmit={(e) => void book(e)} aria-labelledby="offer-title" data-testid="quote">
            <h2 id="offer-title">{t('travel.price', { price: i.won(quote.priceKrw) })}</h2>
            <p data-testid="quote-route">
              {t('travel.route', { from: i.name(quote.origin), to: i.name(quote.destination) })}
            </p>
            <p>
              {t('travel.pickupWindow', {
                from: i.dateTime(quote.pickupWindow.start),
                to: i.time(quote.pickupWindow.end),
              })}
            </p>
            <p>{t('travel.deliveryBy', { time: i.dateTime(quote.deadline) })}</p>
            {quote.nextSlotOffered && <p className="warning">{t('travel.nextSlot')}</p>}
            <label>
              {t('travel.name')}
              <input
                required
                name="name"
                autoComplete="name"
                value={contact.name}
                onChange={(e) => setContact({ ...contact, name: e.target.value })}
                {...fieldProps(fields, 'contact.name')}
              />
            </label>
            <FieldError errors={fields} name="contact.name" />
            <label>
              {t('travel.phone')}
              <input
                required
                type="tel"
                name="phone"
                autoComplete="tel"
                value={contact.phone}
                onChange={(e) => setContact({ ...contact, phone: e.target.value })}
                {...fieldProps(fields, 'contact.phone')}
              />
            </label>
            <FieldError errors={fields} name="contact.phone" />
            <label>
              {t('travel.email')}
              <input
                required
                type="email"
                name="email"
                autoComplete="email"
                value={contact.email}
                onChange={(e) => setContact({ ...contact, email: e.target.value })}
                {...fieldProps(fields, 'contact.email')}
              />
            </label>
            <FieldError errors={fields} name="contact.email" />
            <label className="check">
              <input
                type="checkbox"
                name="prohibited"
                checked={confirmed}
                onChange={(e) => setConfirmed(e.target.checked)}
                required
              />{' '}
              {t('travel.prohibited')}
            </label>
            <button type="submit" className="primary" disabled={busy || booking.busy}>
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

/**
 * A small map where a tap (or click) sets the pin. Like LiveMap it draws only vector layers
 * (the area outline, the pin), so it works without tile images. For keyboards: focus the map,
 * move it with the arrow keys and put the pin at the centre (the cross) with the button.
 */
function PinMap({
  pin,
  onPin,
  rings,
  label,
}: {
  pin: LatLng | null;
  onPin: (p: LatLng) => void;
  rings: Ring[];
  label: string;
}) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const pinLayer = useRef<L.CircleMarker | null>(null);
  const areaLayer = useRef<L.LayerGroup | null>(null);
  const latest = useRef(onPin);
  useEffect(() => {
    latest.current = onPin;
  }, [onPin]);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');

  const place = (at: LatLng) => onPin({ lat: round6(at.lat), lng: round6(at.lng) });

  useEffect(() => {
    if (!host.current || map.current) return;
    // Seoul, Incheon and the airport in one view.
    const m = baseMap(host.current, [37.5, 126.8], 10);
    map.current = m;
    areaLayer.current = L.layerGroup().addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) => latest.current({ lat: round6(e.latlng.lat), lng: round6(e.latlng.lng) }));
    return () => {
      m.remove();
      map.current = null;
      pinLayer.current = null;
      areaLayer.current = null;
    };
  }, []);

  useEffect(() => {
    const g = areaLayer.current;
    if (!g) return;
    g.clearLayers();
    for (const r of rings)
      L.polygon(
        r.map(([lng, lat]) => [lat, lng] as [number, number]),
        { color: '#0b3d91', weight: 3, fill: false, interactive: false },
      ).addTo(g);
  }, [rings]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!pin) {
      pinLayer.current?.remove();
      pinLayer.current = null;
      return;
    }
    if (pinLayer.current) pinLayer.current.setLatLng([pin.lat, pin.lng]);
    else
      pinLayer.current = L.circleMarker([pin.lat, pin.lng], {
        radius: 11,
        color: '#111',
        weight: 3,
        fillColor: '#d12771',
        fillOpacity: 1,
        interactive: false,
      }).addTo(m);
  }, [pin]);

  const here = () => {
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating('idle');
        const at = { lat: p.coords.latitude, lng: p.coords.longitude };
        map.current?.setView([at.lat, at.lng], 16);
        place(at);
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  return (
    <div className="pin-map">
      <div className="pin-map-frame">
        <div
          ref={host}
          className="map"
          role="region"
          aria-label={label}
          aria-describedby="pin-hint"
          data-testid="pin-map"
        />
      </div>
      <div className="row">
        <button type="button" onClick={() => map.current && place(map.current.getCenter())} data-testid="pin-centre">
          {t('travel.pinCentre')}
        </button>
        <button type="button" onClick={here} disabled={locating === 'busy'}>
          {t('travel.myLocation')}
        </button>
      </div>
      {locating === 'failed' && (
        <p className="error" role="alert">
          {t('travel.locationFailed')}
        </p>
      )}
    </div>
  );
}
