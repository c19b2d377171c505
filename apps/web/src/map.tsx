import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { webConfig } from './config';

export interface MapPoint {
  id: string;
  lat: number;
  lng: number;
  label: string;
  /** CSS colour of the marker. */
  color: string;
  kind: 'van' | 'stop' | 'place' | 'courier';
  /** A few characters drawn inside a van marker (e.g. its number). */
  short?: string;
}

export interface MapRoute {
  id: string;
  color: string;
  points: Array<[number, number]>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Vans, stops and routes are vector layers: they draw without tiles, so the map stays useful
 * offline (tiles failing to load leave a plain background, nothing else).
 */
/**
 * A Leaflet map on `host`, its tiles from the web config. Vector layers draw without them, so
 * every map works offline (and in the browser tests) with just an empty background.
 */
export function baseMap(host: HTMLElement, center: [number, number], zoom: number): L.Map {
  const m = L.map(host, { zoomControl: true, attributionControl: true, keyboard: true }).setView(center, zoom);
  void webConfig()
    .then((c) => {
      L.tileLayer(c.tileUrl, { attribution: c.tileAttribution, maxZoom: 19 }).addTo(m);
    })
    .catch(() => undefined);
  return m;
}

export function LiveMap({
  points,
  routes = [],
  label,
  fit = true,
}: {
  points: MapPoint[];
  routes?: MapRoute[];
  label: string;
  fit?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const fitted = useRef(false);

  useEffect(() => {
    if (!host.current || map.current) return;
    const m = baseMap(host.current, [37.6, 126.66], 12);
    map.current = m;
    fitted.current = false;
    layer.current = L.layerGroup().addTo(m);
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const g = layer.current;
    if (!m || !g) return;
    g.clearLayers();
    for (const r of routes)
      if (r.points.length > 1) L.polyline(r.points, { color: r.color, weight: 4, opacity: 0.8 }).addTo(g);
    for (const p of points) {
      if (p.kind === 'van' || p.kind === 'courier') {
        const icon = L.divIcon({
          className: 'van-icon',
          html: `<span class="van-dot" style="background:${p.color}" data-map-kind="${p.kind}" data-id="${p.id}">${escapeHtml(p.short ?? (p.kind === 'van' ? 'V' : 'L'))}</span>`,
          iconSize: [30, 30],
          iconAnchor: [15, 15],
        });
        L.marker([p.lat, p.lng], { icon, title: p.label, alt: p.label, keyboard: false }).addTo(g);
      } else {
        L.circleMarker([p.lat, p.lng], {
          radius: p.kind === 'stop' ? 6 : 8,
          color: '#1a1a1a',
          weight: 1,
          fillColor: p.color,
          fillOpacity: 0.9,
        })
          .bindTooltip(p.label)
          .addTo(g);
      }
    }
    const all: Array<[number, number]> = [
      ...points.map((p) => [p.lat, p.lng] as [number, number]),
      ...routes.flatMap((r) => r.points),
    ];
    if (fit && all.length && !fitted.current) {
      // No zoom animation: a card whose map goes away within its 250 ms (a ride cancelled at once)
      // made Leaflet finish it on the removed map and throw ("reading '_leaflet_pos'").
      m.fitBounds(L.latLngBounds(all).pad(0.15), { maxZoom: 15, animate: false });
      fitted.current = true;
    }
  }, [points, routes, fit]);

  return <div ref={host} className="map" role="region" aria-label={label} data-testid="map" />;
}
