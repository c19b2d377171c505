import { useCallback, useEffect, useState } from 'react';
import type { AdminArea } from '@app/contract';
import { api, Me } from '../../api';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { SignedInPage, errorText } from '../../shell';
import { AreasSection } from './areas';
import { AuditSection } from './audit';
import { CompaniesSection } from './companies';
import { FleetSection } from './fleet';
import { PlacesSection } from './places';
import { PricesSection } from './prices';
import { ShiftsSection } from './shifts';
import { StaffSection } from './staff';

/** Admin screens: admins change, dispatchers see (the change controls are not shown to them). */

const TABS = ['areas', 'places', 'fleet', 'staff', 'shifts', 'companies', 'prices', 'audit'] as const;
type Tab = (typeof TABS)[number];

export function AdminPage() {
  const { t } = useI18n();
  return (
    <SignedInPage title={t('admin.title')} roles={['dispatcher', 'admin']} variant="desktop">
      {(me) => <Admin me={me} />}
    </SignedInPage>
  );
}

function Admin({ me }: { me: Me }) {
  const { t, name, time } = useI18n();
  const isAdmin = me.role === 'admin';
  const tabs = TABS.filter((x) => x !== 'audit' || isAdmin);
  const [tab, setTab] = useState<Tab>('areas');
  const [areas, setAreas] = useState<AdminArea[]>([]);
  const [areaId, setAreaId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const loadAreas = useCallback(async () => {
    try {
      const list = await api.get<AdminArea[]>('/v1/admin/areas');
      setAreas(list);
      setAreaId((cur) =>
        cur && list.some((a) => a.id === cur) ? cur : ((list.find((a) => a.code === 'geomdan') ?? list[0])?.id ?? ''),
      );
    } catch (err) {
      setError(errorText({ t, time }, err));
    }
  }, [t]);
  useEffect(() => {
    void loadAreas();
  }, [loadAreas]);
  const area = areas.find((a) => a.id === areaId);
  return (
    <div className="stack admin" data-testid="admin" data-role={me.role}>
      <p className="muted">{isAdmin ? t('admin.roleAdmin') : t('admin.roleDispatcher')}</p>
      <nav aria-label={t('admin.sections')}>
        <ul className="admin-tabs">
          {tabs.map((x) => (
            <li key={x}>
              <button type="button" aria-pressed={tab === x} data-tab={x} onClick={() => setTab(x)}>
                {t(`admin.tab.${x}` as MessageKey)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {tab !== 'areas' && tab !== 'audit' && (
        <label className="admin-area">
          {t('admin.area')}
          <select name="adminArea" value={areaId} onChange={(e) => setAreaId(e.target.value)}>
            {areas.map((a) => (
              <option key={a.id} value={a.id} data-code={a.code}>
                {name(a.name)}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {tab === 'areas' && <AreasSection areas={areas} isAdmin={isAdmin} reload={loadAreas} />}
      {tab === 'places' && area && <PlacesSection key={area.id} area={area} isAdmin={isAdmin} />}
      {tab === 'fleet' && area && <FleetSection key={area.id} area={area} isAdmin={isAdmin} />}
      {tab === 'staff' && area && <StaffSection key={area.id} area={area} isAdmin={isAdmin} />}
      {tab === 'shifts' && area && <ShiftsSection key={area.id} area={area} isAdmin={isAdmin} />}
      {tab === 'companies' && area && <CompaniesSection key={area.id} area={area} isAdmin={isAdmin} />}
      {tab === 'prices' && area && <PricesSection key={area.id} area={area} isAdmin={isAdmin} />}
      {tab === 'audit' && isAdmin && <AuditSection me={me} />}
    </div>
  );
}
