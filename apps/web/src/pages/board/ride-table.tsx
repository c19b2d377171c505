import type { Ride } from '@app/contract';
import { useI18n } from '../../i18n';
import { StatusBadge } from '../../shell';
import { rideStatusKey } from '../../status';

export function RideTable({
  rides,
  onMove,
  onCancel,
  testId,
}: {
  rides: Ride[];
  onMove: (r: Ride) => void;
  onCancel: (r: Ride) => void;
  testId: string;
}) {
  const i = useI18n();
  const { t } = i;
  // Its panel says "none" when the panel as a whole is empty (bookings share it).
  if (!rides.length) return null;
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('board.trip')}</th>
          <th scope="col">{t('board.status')}</th>
          <th scope="col">{t('board.van')}</th>
          <th scope="col">{t('board.pickupEta')}</th>
          <th scope="col">{t('board.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {rides.map((r) => (
          <tr key={r.id} data-ride-id={r.id} data-status={r.status}>
            <td>
              <strong data-testid="ride-rider">{r.riderName}</strong> {i.name(r.pickup.name)} → {i.name(r.dropoff.name)}{' '}
              <span className="muted">
                ×{r.passengers}
                {r.channel === 'phone' ? ` · ${t('board.byPhone')}` : ''}
              </span>
            </td>
            <td>
              <StatusBadge status={r.status} label={t(rideStatusKey(r.status))} />
            </td>
            <td data-testid="ride-van">{r.vehicle?.label ?? '—'}</td>
            <td>
              {r.status === 'scheduled' && !r.etaPickupAt ? i.dateTime(r.requestedTime) : i.time(r.etaPickupAt)}
              {r.promisedPickup && (
                <span className="muted">
                  {' '}
                  ({i.time(r.promisedPickup.from)}–{i.time(r.promisedPickup.to)})
                </span>
              )}
            </td>
            <td className="actions">
              {['requested', 'assigned'].includes(r.status) && (
                <button type="button" className="small" onClick={() => onMove(r)} data-testid="move">
                  {r.vehicle ? t('board.move') : t('board.assign')}
                </button>
              )}
              {['scheduled', 'requested', 'assigned', 'arrived'].includes(r.status) && (
                <button type="button" className="small danger" onClick={() => onCancel(r)}>
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
