import type { CataloguePlace, BookingPlace, LuggageBookingView } from '@app/contract';
import { useI18n } from '../../i18n';
import { StatusBadge } from '../../shell';
import { luggageStatusKey } from '../../status';
import { seoulDay } from '../../time';
import { bookingPlaceLabel } from './board-model';

export function BookingTable({
  bookings,
  places,
  staffName,
  onCancel,
  testId,
}: {
  bookings: LuggageBookingView[];
  places: Map<string, CataloguePlace>;
  staffName: (id: string | null) => string;
  onCancel: (b: LuggageBookingView) => void;
  testId: string;
}) {
  const i = useI18n();
  const { t } = i;
  if (!bookings.length) return null;
  const placeName = (id: string, own: BookingPlace | undefined) => {
    const p = places.get(id);
    if (p) return i.name(p.name);
    return own ? bookingPlaceLabel(own, i) : '—';
  };
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('board.delivery')}</th>
          <th scope="col">{t('board.status')}</th>
          <th scope="col">{t('board.courier')}</th>
          <th scope="col">{t('board.deadline')}</th>
          <th scope="col">{t('board.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {bookings.map((b) => (
          <tr key={b.id} data-booking-id={b.id} data-reference={b.reference} data-status={b.status}>
            <td>
              <strong>{b.reference}</strong> {placeName(b.originPlaceId, b.origin)} →{' '}
              {placeName(b.destinationPlaceId, b.destination)}
            </td>
            <td>
              <StatusBadge status={b.status} label={t(luggageStatusKey(b.status))} />
              {b.atRisk && <span className="badge badge-risk">{t('board.atRisk')}</span>}
              {b.handoverLocked && <span className="badge badge-risk">{t('board.pinLocked')}</span>}
            </td>
            <td>{staffName(b.courierStaffId)}</td>
            {/* Tomorrow's bookings share the list: a bare "21:00" would read as today. */}
            <td>{seoulDay(new Date(b.deadline)) === seoulDay() ? i.time(b.deadline) : i.dateTime(b.deadline)}</td>
            <td>
              {['booked', 'assigned', 'courier_en_route'].includes(b.status) && (
                <button type="button" className="small danger" onClick={() => onCancel(b)}>
                  {t('board.cancel')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
