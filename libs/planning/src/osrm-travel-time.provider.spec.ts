import { createHaversineProvider } from '@app/dispatch';
import { OsrmTravelTimeProvider } from './osrm-travel-time.provider';

const points = [
  { lat: 37.5947, lng: 126.6276 },
  { lat: 37.6032, lng: 126.6312 },
];

function fakeFetch(body: unknown, status = 200): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fn = (async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { fetch: fn, urls };
}

describe('OSRM table adapter', () => {
  it('asks the table service for durations and distances in lng,lat order', async () => {
    const fake = fakeFetch({
      code: 'Ok',
      durations: [
        [0, 120],
        [130, 0],
      ],
      distances: [
        [0, 1000],
        [1100, 0],
      ],
    });
    const provider = new OsrmTravelTimeProvider('http://osrm.local:5000/', createHaversineProvider(), 1000, fake.fetch);
    const m = await provider.matrix(points, new Date());
    expect(fake.urls[0]).toBe(
      'http://osrm.local:5000/table/v1/driving/126.627600,37.594700;126.631200,37.603200?annotations=duration,distance',
    );
    expect(m.seconds).toEqual([
      [0, 120],
      [130, 0],
    ]);
    expect(m.meters).toEqual([
      [0, 1000],
      [1100, 0],
    ]);
  });

  it('fills unreachable pairs from the estimate instead of failing', async () => {
    const fake = fakeFetch({
      code: 'Ok',
      durations: [
        [0, null],
        [130, 0],
      ],
      distances: [
        [0, null],
        [1100, 0],
      ],
    });
    const provider = new OsrmTravelTimeProvider('http://osrm.local', createHaversineProvider(), 1000, fake.fetch);
    const m = await provider.matrix(points, new Date('2026-11-23T03:00:00Z'));
    expect(m.seconds[0][1]).toBeGreaterThan(0);
    expect(m.meters[0][1]).toBeGreaterThan(0);
  });

  it('fails loudly on an error answer so the job is retried', async () => {
    const fake = fakeFetch({ code: 'InvalidQuery' });
    const provider = new OsrmTravelTimeProvider('http://osrm.local', createHaversineProvider(), 1000, fake.fetch);
    await expect(provider.matrix(points, new Date())).rejects.toThrow(/InvalidQuery/);
  });
});
