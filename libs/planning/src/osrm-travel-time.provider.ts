import { LatLng, TravelTimeProvider } from '@app/dispatch';

/**
 * Travel times from an OSRM-compatible `table` service:
 * GET {base}/table/v1/driving/{lng,lat;...}?annotations=duration,distance
 * Unreachable pairs (null) fall back to the estimate so one bad snap cannot stall planning.
 */
export class OsrmTravelTimeProvider implements TravelTimeProvider {
  constructor(
    private readonly baseUrl: string,
    private readonly fallback: TravelTimeProvider,
    private readonly timeoutMs = 3000,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async matrix(points: readonly LatLng[], departAt: Date): Promise<{ seconds: number[][]; meters: number[][] }> {
    if (points.length === 0) return { seconds: [], meters: [] };
    const coords = points.map((p) => `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
    const url = `${this.baseUrl.replace(/\/+$/, '')}/table/v1/driving/${coords}?annotations=duration,distance`;
    const response = await this.fetchFn(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new Error(`OSRM table answered ${response.status}`);
    const body = (await response.json()) as {
      code?: string;
      durations?: (number | null)[][];
      distances?: (number | null)[][];
    };
    if (body.code !== 'Ok' || !body.durations) throw new Error(`OSRM table failed: ${body.code ?? 'no durations'}`);
    const needFallback = body.durations.some((row) => row.some((x) => x === null)) || !body.distances;
    const estimate = needFallback ? await this.fallback.matrix(points, departAt) : null;
    const seconds = body.durations.map((row, i) => row.map((x, j) => x ?? estimate!.seconds[i][j]));
    const meters = (body.distances ?? body.durations).map((row, i) =>
      row.map((x, j) => (body.distances ? (x ?? estimate!.meters[i][j]) : estimate!.meters[i][j])),
    );
    return { seconds, meters };
  }
}
