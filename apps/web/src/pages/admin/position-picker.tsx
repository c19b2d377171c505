import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { baseMap } from '../../map';

/**
 * A place's position: tap the map or drag the pin (the numbers follow), or type the numbers (the
 * pin follows). Geomdan's park is the starting view of a new place.
 */
export function PositionPicker({ initial }: { initial: { lat: number; lng: number } | null }) {
  const { t } = useI18n();
  const [pos, setPos] = useState<{ lat: string; lng: string }>(() => ({
    lat: initial ? String(initial.lat) : '',
    lng: initial ? String(initial.lng) : '',
  }));
  const host = useRef<HTMLDivElement>(null);
  const marker = useRef<L.Marker | null>(null);
  const map = useRef<L.Map | null>(null);
  // The map is made once per form (the form is keyed by the place): later renders do not move it.
  const start = useRef(initial);
  useEffect(() => {
    const initial = start.current;
    if (!host.current) return;
    const m = baseMap(host.current, initial ? [initial.lat, initial.lng] : [37.5985, 126.6612], initial ? 16 : 14);
    map.current = m;
    const put = (ll: L.LatLng) => setPos({ lat: ll.lat.toFixed(6), lng: ll.lng.toFixed(6) });
    const pin = (ll: L.LatLngExpression) => {
      if (marker.current) marker.current.setLatLng(ll);
      else {
        marker.current = L.marker(ll, {
          draggable: true,
          keyboard: false,
          icon: L.divIcon({
            className: 'van-icon',
            html: '<span class="van-dot" data-map-kind="pin" style="background:#da1e28">●</span>',
            iconSize: [30, 30],
            iconAnchor: [15, 15],
          }),
        }).addTo(m);
        marker.current.on('dragend', () => put(marker.current!.getLatLng()));
      }
    };
    if (initial) pin([initial.lat, initial.lng]);
    m.on('click', (e: L.LeafletMouseEvent) => {
      pin(e.latlng);
      put(e.latlng);
    });
    return () => {
      m.remove();
      map.current = null;
      marker.current = null;
    };
  }, []);
  const typed = (next: { lat: string; lng: string }) => {
    setPos(next);
    const lat = Number(next.lat);
    const lng = Number(next.lng);
    if (next.lat && next.lng && Number.isFinite(lat) && Number.isFinite(lng) && marker.current)
      marker.current.setLatLng([lat, lng]);
  };
  return (
    <fieldset className="position-picker">
      <legend>{t('admin.place.position')}</legend>
      <p className="muted" id="position-hint">
        {t('admin.place.mapHint')}
      </p>
      <div
        ref={host}
        className="map"
        role="region"
        aria-label={t('admin.place.map')}
        aria-describedby="position-hint"
        data-testid="position-map"
      />
      <label>
        {t('admin.lat')}
        <input
          name="lat"
          type="number"
          step="any"
          required
          value={pos.lat}
          onChange={(e) => typed({ ...pos, lat: e.target.value })}
        />
      </label>
      <label>
        {t('admin.lng')}
        <input
          name="lng"
          type="number"
          step="any"
          required
          value={pos.lng}
          onChange={(e) => typed({ ...pos, lng: e.target.value })}
        />
      </label>
    </fieldset>
  );
}
