import type { WebConfig } from '@app/contract';

/** Public settings served by the api (GET /v1/web-config), read once per page. */

let loaded: Promise<WebConfig> | null = null;

export function webConfig(): Promise<WebConfig> {
  loaded ??= fetch('/v1/web-config').then(async (r) => {
    if (!r.ok) throw new Error(`web-config ${r.status}`);
    return (await r.json()) as WebConfig;
  });
  return loaded;
}
