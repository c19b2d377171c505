import type { DayFigures } from '@app/contract';
import { useI18n } from '../../i18n';

function Figure({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="figure" data-testid={`fig-${id}`}>
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
    </div>
  );
}

/** Today's figures, from the database (GET /v1/dispatch/day-figures), summed over the board's areas. */
export function DayFiguresPanel({ figures: dayList }: { figures: DayFigures[] }) {
  const { t } = useI18n();
  const shuttleDays = dayList.flatMap((f) => (f.shuttle ? [f.shuttle] : []));
  const luggageDays = dayList.flatMap((f) => (f.luggage ? [f.luggage] : []));
  const sum = <T,>(list: T[], pick: (x: T) => number) => list.reduce((n, x) => n + pick(x), 0);
  // Waits and utilisation are per area; with one shuttle area (the usual board) they are that area's.
  const [firstShuttle] = shuttleDays;
  const minutes = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : t('fig.min', { n: v.toFixed(1) });
  const ratio = (on: number, of: number) => (of ? `${on}/${of}` : '—');
  return (
    <section className="figures" aria-labelledby="fig-title">
      <h2 id="fig-title" className="visually-hidden">
        {t('board.figures')}
      </h2>
      <Figure
        id="served"
        label={t('fig.served')}
        value={shuttleDays.length ? String(sum(shuttleDays, (d) => d.served)) : '—'}
      />
      <Figure
        id="rejected"
        label={t('fig.rejected')}
        value={shuttleDays.length ? String(sum(shuttleDays, (d) => d.rejected)) : '—'}
      />
      <Figure id="wait-p50" label={t('fig.waitP50')} value={minutes(firstShuttle?.waitP50Min)} />
      <Figure id="wait-p90" label={t('fig.waitP90')} value={minutes(firstShuttle?.waitP90Min)} />
      <Figure
        id="on-time-pickups"
        label={t('fig.onTimePickups')}
        value={ratio(
          sum(shuttleDays, (d) => d.onTime.onTime),
          sum(shuttleDays, (d) => d.onTime.of),
        )}
      />
      <Figure
        id="utilisation"
        label={t('fig.utilisation')}
        value={
          firstShuttle?.utilisation === null || firstShuttle === undefined
            ? '—'
            : `${Math.round(firstShuttle.utilisation * 100)}%`
        }
      />
      {luggageDays.length > 0 && (
        <Figure
          id="on-time"
          label={t('fig.onTime')}
          value={ratio(
            sum(luggageDays, (d) => d.onTime.onTime),
            sum(luggageDays, (d) => d.onTime.of),
          )}
        />
      )}
    </section>
  );
}
