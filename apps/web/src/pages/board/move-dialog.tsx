import { useState } from 'react';
import type { AdminVehicle, MovePreview, Ride } from '@app/contract';
import { api, ApiError } from '../../api';
import { Dialog } from '../../components/dialog';
import { useI18n } from '../../i18n';
import { errorText, messageOr } from '../../shell';

/**
 * Move (or assign) a ride to another van. The preview shows what it costs the riders already
 * on that van before the dispatcher confirms.
 */
export function MoveDialog({
  ride,
  riderName,
  vans,
  onClose,
  onMoved,
}: {
  ride: Ride;
  riderName: (rideId: string) => string;
  vans: AdminVehicle[];
  onClose: () => void;
  onMoved: (r: Ride | null) => void;
}) {
  const i = useI18n();
  const { t } = i;
  const [vehicleId, setVehicleId] = useState('');
  const [preview, setPreview] = useState<MovePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const explain = (e: unknown) =>
    e instanceof ApiError && (e.status === 404 || e.status === 405) && !e.is('RIDE_NOT_FOUND')
      ? t('board.moveUnavailable')
      : errorText(i, e);
  const loadPreview = async (id: string) => {
    setVehicleId(id);
    setPreview(null);
    setError(null);
    if (!id) return;
    try {
      setPreview(await api.post<MovePreview>(`/v1/dispatch/rides/${ride.id}/move-preview`, { vehicleId: id }));
    } catch (e) {
      setError(explain(e));
    }
  };
  const confirm = async () => {
    try {
      onMoved(
        await api.post<Ride>(`/v1/dispatch/rides/${ride.id}/move`, { vehicleId, planVersions: preview?.planVersions }),
      );
    } catch (e) {
      // The plans changed since the preview: show the new figures before another confirm.
      if (e instanceof ApiError && e.is('PLAN_CHANGED')) await loadPreview(vehicleId);
      setError(explain(e));
    }
  };
  return (
    <Dialog labelledBy="move-title" onClose={onClose} testId="move-dialog">
      <h2 id="move-title">
        {t('board.moveTitle', {
          trip: `${ride.riderName} · ${i.name(ride.pickup.name)} → ${i.name(ride.dropoff.name)}`,
        })}
      </h2>
      <label>
        {t('board.toVan')}
        <select value={vehicleId} onChange={(e) => void loadPreview(e.target.value)} name="vehicle">
          <option value="">{t('form.choose')}</option>
          {vans.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label} ({v.plate})
            </option>
          ))}
        </select>
      </label>
      {preview && (
        <div className="preview" data-testid="move-preview">
          <p>{preview.feasible ? t('board.moveFeasible') : t('board.moveInfeasible')}</p>
          {!preview.feasible && preview.code && (
            <p data-testid="move-why">{messageOr(t, `reject.${preview.code}`, preview.code)}</p>
          )}
          {preview.costDelta !== null && <p>{t('board.moveCost', { n: Math.round(preview.costDelta / 60) })}</p>}
          <ul>
            {preview.affected.map((a) => (
              <li key={a.rideId}>
                {t('board.moveDelay', { name: riderName(a.rideId), min: Math.round(a.delayS / 60) })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!preview?.feasible}
          onClick={() => void confirm()}
          data-testid="move-confirm"
        >
          {t('board.moveConfirm')}
        </button>
        <button type="button" onClick={onClose}>
          {t('form.close')}
        </button>
      </div>
    </Dialog>
  );
}
