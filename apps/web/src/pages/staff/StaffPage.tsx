import { useEffect, useState } from 'react';
import type { ServiceArea } from '@app/contract';
import { api, Me } from '../../api';
import { useI18n } from '../../i18n';
import { SignedInPage } from '../../shell';
import { CourierScreens } from './courier-screens';
import { DriverScreens } from './driver-screens';

export function StaffPage() {
  const { t } = useI18n();
  return (
    <SignedInPage title={t('staff.title')} roles={['staff']} variant="staff">
      {(me) => <StaffHome me={me} />}
    </SignedInPage>
  );
}

function StaffHome({ me }: { me: Me }) {
  const [kind, setKind] = useState<'driver' | 'courier' | null>(null);
  useEffect(() => {
    void api
      .get<ServiceArea[]>('/v1/areas', { auth: false })
      .then((areas) =>
        setKind(areas.some((a) => me.areaIds.includes(a.id) && a.kind === 'luggage') ? 'courier' : 'driver'),
      )
      .catch(() => setKind('driver'));
  }, [me]);
  if (!kind) return null;
  return kind === 'driver' ? <DriverScreens me={me} /> : <CourierScreens me={me} />;
}
