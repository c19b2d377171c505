import { FormEvent } from 'react';
import type { AdminArea, PriceRules, PriceRulesVersion } from '@app/contract';
import { api } from '../../api';
import { Feedback, Section, num, str, useAction } from '../../components/form';
import { DataTable } from '../../components/table';
import { useI18n } from '../../i18n';
import { useList } from './use-list';

export function PricesSection({ area, isAdmin }: { area: AdminArea; isAdmin: boolean }) {
  const { t, won, dateTime } = useI18n();
  const [history, reload, loadError] = useList<PriceRulesVersion>(`/v1/luggage/price-rules/history?areaId=${area.id}`);
  const act = useAction(reload);
  const current = history[0];
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    let zones: unknown;
    try {
      zones = JSON.parse(str(f.get('zones')));
    } catch {
      act.setError(t('admin.price.zonesInvalid'));
      return;
    }
    await act.run(() =>
      api.post('/v1/luggage/price-rules', {
        areaId: area.id,
        baseKrw: num(f.get('baseKrw')),
        perBagKrw: {
          carry_on: num(f.get('carry_on')),
          suitcase: num(f.get('suitcase')),
          oversize: num(f.get('oversize')),
        },
        zones,
        cancellationFeeKrw: num(f.get('cancellationFeeKrw')),
      }),
    );
  };
  const summary = (r: PriceRules) =>
    t('admin.price.summary', {
      base: won(r.baseKrw),
      carry: won(r.perBagKrw.carry_on),
      suitcase: won(r.perBagKrw.suitcase),
      oversize: won(r.perBagKrw.oversize),
      fee: won(r.cancellationFeeKrw),
    });
  return (
    <Section title={t('admin.tab.prices')} id="prices">
      <Feedback error={act.error ?? (area.kind === 'luggage' ? loadError : null)} notice={act.notice} />
      {area.kind !== 'luggage' && <p>{t('admin.price.onlyLuggage')}</p>}
      {current && (
        <div className="preview" data-testid="price-current">
          <p>
            <strong>{t('admin.price.current', { version: current.version })}</strong>
          </p>
          <p>{summary(current.rules)}</p>
          <p>
            {current.rules.zones
              .map((z) => t('admin.price.zone', { code: z.code, km: z.maxKm ?? '∞', fee: won(z.surchargeKrw) }))
              .join(' · ')}
          </p>
        </div>
      )}
      {isAdmin && area.kind === 'luggage' && current && (
        <form
          key={current.version}
          className="form admin-form"
          onSubmit={(e) => void submit(e)}
          aria-label={t('admin.price.newVersion')}
        >
          <label>
            {t('admin.price.base')}
            <input name="baseKrw" type="number" min={0} required defaultValue={current.rules.baseKrw} />
          </label>
          <label>
            {t('admin.price.carryOn')}
            <input name="carry_on" type="number" min={0} required defaultValue={current.rules.perBagKrw.carry_on} />
          </label>
          <label>
            {t('admin.price.suitcase')}
            <input name="suitcase" type="number" min={0} required defaultValue={current.rules.perBagKrw.suitcase} />
          </label>
          <label>
            {t('admin.price.oversize')}
            <input name="oversize" type="number" min={0} required defaultValue={current.rules.perBagKrw.oversize} />
          </label>
          <label>
            {t('admin.price.cancellationFee')}
            <input
              name="cancellationFeeKrw"
              type="number"
              min={0}
              required
              defaultValue={current.rules.cancellationFeeKrw}
            />
          </label>
          <label>
            {t('admin.price.zones')}
            <textarea name="zones" rows={4} required defaultValue={JSON.stringify(current.rules.zones)} />
          </label>
          <div className="row">
            <button type="submit" className="primary" disabled={act.busy}>
              {t('admin.price.newVersion')}
            </button>
          </div>
        </form>
      )}
      {history.length > 0 && (
        <DataTable
          testId="price-history"
          caption={t('admin.price.history')}
          columns={[t('admin.price.version'), t('admin.when'), t('admin.price.rules')]}
        >
          {history.map((h) => (
            <tr key={h.version}>
              <td>{h.version}</td>
              <td>{dateTime(h.createdAt)}</td>
              <td>{summary(h.rules)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}
