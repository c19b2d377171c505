import { useCallback, useEffect, useRef, useState } from 'react';
import type { CourierTask } from '@app/contract';
import { api, Me } from '../../api';
import { useI18n } from '../../i18n';
import { LiveState, signedIn, useLive } from '../../live';
import { errorText } from '../../shell';
import { luggageStatusKey } from '../../status';
import { DeliverForm, PickupForm } from './courier-forms';
import { LocationNote, navLink, StaffHeader, stepText, useLocationSharing, useOutbox } from './staff-shared';

export function CourierScreens({ me }: { me: Me }) {
  const i = useI18n();
  const { t } = i;
  const [tasks, setTasks] = useState<CourierTask[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  const load = useCallback(async () => {
    try {
      setTasks(await api.get<CourierTask[]>('/v1/luggage/courier/tasks'));
    } catch (e) {
      setError(errorText(i, e));
    }
  }, []);
  const outbox = useOutbox(() => void load());
  const location = useLocationSharing('/v1/luggage/courier/position', false);

  useLive(() => signedIn({ onState: setLive, onReady: load }), { 'luggage.status': () => void load() }, [load]);
  useEffect(() => {
    void load();
  }, [load]);

  // The task stays on screen until the server confirmed its steps: a queued step is shown as
  // "not sent yet", never as done. Set off and in transit may be followed offline by the next step
  // (the queue keeps the order); a queued pickup or handover waits for the server's answer.
  const queuedFor = (task: CourierTask) =>
    outbox.queued.filter((q) => q.path.startsWith(`/v1/luggage/courier/bookings/${task.id}/`));
  const next = (tasks ?? [])[0];
  const nextQueued = next ? queuedFor(next) : [];
  const awaiting = nextQueued.some((q) => q.path.endsWith('/pickup') || q.path.endsWith('/deliver'));
  // Released from the board: the refusal of the locked handover ("call your dispatcher") is answered.
  const lockedId = next?.handoverLocked ? next.id : null;
  const wasLocked = useRef<string | null>(null);
  const { dismissRefusal } = outbox;
  useEffect(() => {
    if (wasLocked.current && wasLocked.current !== lockedId) dismissRefusal();
    wasLocked.current = lockedId;
  }, [lockedId, dismissRefusal]);
  const handovers = outbox.confirmed.filter(
    (c) => c.action.step?.kind === 'deliver' || c.action.path.endsWith('/deliver'),
  );

  const step = (task: CourierTask, action: 'en-route' | 'in-transit') => {
    // Sent with the time the step really happened, so a step queued without signal keeps it.
    outbox.add({
      method: 'POST',
      path: `/v1/luggage/courier/bookings/${task.id}/${action}`,
      body: {},
      label: `${task.reference} ${action}`,
      step: { kind: action, subject: task.reference },
      timeField: 'occurredAt',
    });
    setTasks(
      (list) =>
        list?.map((x) =>
          x.id === task.id ? { ...x, status: action === 'en-route' ? 'courier_en_route' : 'in_transit' } : x,
        ) ?? null,
    );
  };

  return (
    <div className="stack staff">
      <StaffHeader name={me.displayName} live={live} outbox={outbox} />
      <LocationNote state={location} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {handovers.map((c) => (
        <p
          key={c.action.id}
          className="success big"
          role="status"
          data-testid="handover-confirmed"
          data-path={c.action.path}
        >
          {t('staff.handoverConfirmed', { ref: c.action.step?.subject ?? c.action.label, time: i.time(c.at) })}
        </p>
      ))}
      {tasks && !next && (
        <section className="card" data-testid="no-stops">
          <h2>{t('staff.noTasks')}</h2>
        </section>
      )}
      {next && (
        <section className="card next" aria-labelledby="task-title" data-testid="next-task" data-status={next.status}>
          <p className="eyebrow">
            {next.reference} · {t(luggageStatusKey(next.status))}
          </p>
          {nextQueued.map((q) => (
            <p key={q.id} className="warning big" data-testid="task-not-sent">
              {t('staff.notSentStep', { what: stepText(t, q) })}
            </p>
          ))}
          {awaiting && nextQueued.some((q) => q.path.endsWith('/deliver')) && (
            <p className="big">{t('staff.handoverWaiting')}</p>
          )}
          {['assigned', 'courier_en_route'].includes(next.status) ? (
            <>
              <h2 id="task-title">{t('staff.pickupAt', { place: i.name(next.origin) })}</h2>
              <p className="big">
                {next.contact.name} · {t('track.bags', { n: next.bags.total })}
              </p>
              <p className="big">{t('staff.eta', { time: i.time(next.plannedPickupAt) })}</p>
              <a
                className="button secondary"
                href={navLink(i.name(next.origin), next.origin.lat, next.origin.lng)}
                target="_blank"
                rel="noreferrer"
              >
                {t('staff.navigate')}
              </a>
              {awaiting ? null : next.status === 'assigned' ? (
                <button
                  type="button"
                  className="primary huge"
                  onClick={() => step(next, 'en-route')}
                  data-testid="main-action"
                >
                  {t('staff.setOff')}
                </button>
              ) : (
                <PickupForm
                  key={next.id}
                  task={next}
                  onQueued={(pickup) =>
                    outbox.add({
                      method: 'POST',
                      path: `/v1/luggage/courier/bookings/${next.id}/pickup`,
                      body: pickup.fields,
                      occurredAt: pickup.occurredAt,
                      label: `${next.reference} pickup`,
                      step: { kind: 'luggage-pickup', subject: next.reference },
                      timeField: 'occurredAt',
                      multipart: { photosId: pickup.photosId, fileField: 'photos' },
                    })
                  }
                />
              )}
            </>
          ) : (
            <>
              <h2 id="task-title">{t('staff.deliverAt', { place: i.name(next.destination) })}</h2>
              <p className="big">{t('staff.deadline', { time: i.time(next.deadline) })}</p>
              <a
                className="button secondary"
                href={navLink(i.name(next.destination), next.destination.lat, next.destination.lng)}
                target="_blank"
                rel="noreferrer"
              >
                {t('staff.navigate')}
              </a>
              {awaiting ? null : next.status === 'picked_up' ? (
                <button
                  type="button"
                  className="primary huge"
                  onClick={() => step(next, 'in-transit')}
                  data-testid="main-action"
                >
                  {t('staff.inTransit')}
                </button>
              ) : (
                <DeliverForm
                  key={next.id}
                  task={next}
                  onQueued={(pin) =>
                    outbox.add({
                      method: 'POST',
                      path: `/v1/luggage/courier/bookings/${next.id}/deliver`,
                      body: { pin },
                      label: `${next.reference} deliver`,
                      step: { kind: 'deliver', subject: next.reference },
                      timeField: 'occurredAt',
                    })
                  }
                />
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
