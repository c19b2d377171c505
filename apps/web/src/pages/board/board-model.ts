import type { BookingPlace, LuggageBookingView, LuggageStatusName, RideStatusName } from '@app/contract';
import type { Translate } from '../../i18n';
import { messageOr } from '../../shell';

/** An alert of the board: derived from the records, or kept from an event. */
export interface Alert {
  id: string;
  kind: 'late_pickup' | 'deadline' | 'offline' | 'no_show' | 'pin_locked';
  text: string;
  at: number;
  /** A PIN lock the dispatcher can release from the alert. */
  locked?: LuggageBookingView;
}

/** Ride and booking statuses that change the day's figures. */
export const FIGURE_RIDE: ReadonlySet<RideStatusName> = new Set([
  'on_board',
  'completed',
  'rejected',
  'cancelled',
  'no_show',
]);
export const FIGURE_BAG: ReadonlySet<LuggageStatusName> = new Set(['delivered', 'failed', 'cancelled']);
export const VAN_COLOURS = ['#1f5fbf', '#8a3ffc', '#007d79', '#b28600', '#d12771', '#198038'];
/** Homes (travellers' addresses) on the map. */
export const HOME_COLOUR = '#ff832b';
/** A van on shift with no position for this long is shown as offline. */
export const STALE_MS = 120_000;

/** A risk, said by its code in the page's language. */
export function riskText(t: Translate, code: string | null | undefined): string {
  return code ? messageOr(t, `risk.${code}`, t('risk.unknown', { code })) : t('risk.unknown', { code: '—' });
}

/** A home reads as its address (what the courier goes by); other places by their name. */
export function bookingPlaceLabel(
  p: BookingPlace,
  i: { t: (key: 'board.homeAt', vars: { address: string }) => string; name: (n: { ko: string; en: string }) => string },
): string {
  return p.kind === 'home' ? i.t('board.homeAt', { address: p.address ?? i.name(p.name) }) : i.name(p.name);
}
