import { useEffect, useState } from 'react';
import type { CataloguePlace, ServiceArea } from '@app/contract';
import { api } from '../api';

/** Places of the luggage areas from the public catalogue, by code (the booking form picks from them). */
export function useLuggagePlaces(): Map<string, CataloguePlace> {
  const [places, setPlaces] = useState<Map<string, CataloguePlace>>(new Map());
  useEffect(() => {
    void (async () => {
      const areas = await api.get<ServiceArea[]>('/v1/areas', { auth: false });
      const lists = await Promise.all(
        areas
          .filter((a) => a.kind === 'luggage')
          .map((a) => api.get<CataloguePlace[]>(`/v1/areas/${a.id}/places`, { auth: false })),
      );
      setPlaces(new Map(lists.flat().map((p) => [p.code, p])));
    })().catch(() => undefined);
  }, []);
  return places;
}
