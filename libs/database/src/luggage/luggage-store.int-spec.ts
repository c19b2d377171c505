import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CustodyEventType as Step,
  DomainError,
  LuggageDirection,
  LuggageErrorCode,
  LuggageStatus,
  nextLuggageStatus,
  SystemClock,
} from '@app/domain';
import { createTestContext, TestContext } from '../../../../test/support/test-context';
import { createDataSource } from '../data-source';
import { LuggageBookingEntity } from '../entities/luggage-booking.entity';
import { PlaceEntity } from '../entities/place.entity';
import { ServiceAreaEntity } from '../entities/service-area.entity';
import {
  custodyLog,
  custodyStepTime,
  insertLuggageBooking,
  lockLuggageBooking,
  transitionLuggage,
} from './luggage-store';

describe('the luggage custody writer on real PostgreSQL', () => {
  let ctx: TestContext;
  let ds: DataSource;
  const clock = new SystemClock();

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    ds = await createDataSource(ctx.config.database.url).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await ctx?.dispose();
  });

  const newBooking = async (): Promise<string> => {
    const area = await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
    const places = await ds.getRepository(PlaceEntity).findBy({ areaId: area.id });
    const hotel = places.find((p) => p.kind === 'hotel')!;
    const airport = places.find((p) => p.kind === 'airport')!;
    const now = clock.now();
    const hour = (h: number) => new Date(now.getTime() + h * 3600_000);
    const id = randomUUID();
    await ds.transaction((em) =>
      insertLuggageBooking(
        em,
        {
          id,
          reference: `FL-${randomBytes(3).toString('hex').toUpperCase()}`,
          areaId: area.id,
          direction: LuggageDirection.ToAirport,
          originPlaceId: hotel.id,
          destinationPlaceId: airport.id,
          bagsCarryOn: 0,
          bagsSuitcase: 2,
          bagsOversize: 0,
          flightNumber: 'OZ101',
          flightAt: hour(8),
          serviceDate: now.toISOString().slice(0, 10),
          pickupWindowStart: hour(1),
          pickupWindowEnd: hour(3),
          deliveryWindowStart: hour(1),
          deadlineAt: hour(6),
          contactName: 'Test',
          contactPhone: '01000000000',
          contactEmail: 't@example.com',
          language: 'en',
          prohibitedItemsConfirmedAt: now,
          pinHash: 'x'.repeat(64),
          trackingTokenHash: randomBytes(32).toString('hex'),
          priceKrw: 30_000,
          priceRuleVersion: 1,
          createdAt: now,
        },
        { actor: { userId: null, role: 'traveller' }, details: {} },
      ),
    );
    return id;
  };

  it('serialises 20 concurrent steps on one booking: each applied once or refused with a stable 409 code, the log a valid sequence', async () => {
    const id = await newBooking();
    const courier = randomUUID();
    // The courier's whole journey, each step sent several times at once (retries from a bad
    // connection), raced by cancellations, a failed delivery and notes of damage.
    const sent: Step[] = [
      ...Array<Step>(3).fill(Step.Assigned),
      ...Array<Step>(3).fill(Step.CourierEnRoute),
      ...Array<Step>(3).fill(Step.PickedUp),
      ...Array<Step>(3).fill(Step.InTransit),
      ...Array<Step>(3).fill(Step.Delivered),
      ...Array<Step>(2).fill(Step.Cancelled),
      Step.DeliveryFailed,
      Step.Damage,
      Step.Damage,
    ];
    expect(sent).toHaveLength(20);

    const outcomes = await Promise.all(
      sent.map((step) =>
        ds
          .transaction(async (em) => {
            const booking = await lockLuggageBooking(em, { id });
            const seenVersion = booking!.version;
            // No occurredAt from the phone: the server's time, read under the lock.
            const at = await custodyStepTime(em, booking!, courier, undefined, clock);
            await transitionLuggage(em, booking!, [{ step, details: { sent: step } }], {
              at,
              actor: { userId: courier, role: 'courier' },
            });
            return { step, applied: true as const, seenVersion };
          })
          .catch((error: unknown) => {
            if (!(error instanceof DomainError)) throw error;
            return { step, applied: false as const, code: error.code, category: error.category };
          }),
      ),
    );

    const applied = outcomes.filter((o) => o.applied);
    const refused = outcomes.filter((o) => !o.applied);
    // Refusals come only from the state machine, as conflicts (409), never "too early".
    expect(refused.map((o) => [o.step, o.category, o.code])).toEqual(
      refused.map((o) => [
        o.step,
        'conflict',
        o.step === Step.Cancelled ? LuggageErrorCode.NotCancellable : LuggageErrorCode.StatusConflict,
      ]),
    );
    // Each applied step read the booking as the one before it left it: one version each.
    expect(applied.map((o) => o.seenVersion).sort((a, b) => a - b)).toEqual(applied.map((_, i) => i + 1));

    const log = await custodyLog(ds.manager, id);
    expect(log[0].type).toBe(Step.Booked);
    const entries = log.slice(1);
    // Exactly the applied steps, each once.
    expect(entries.map((e) => e.type).sort()).toEqual(applied.map((o) => o.step).sort());
    // The log replays through the state machine from booked to the booking's status, in time order.
    let status = LuggageStatus.Booked;
    for (const entry of entries) status = nextLuggageStatus(status, entry.type);
    const booking = await ds.getRepository(LuggageBookingEntity).findOneByOrFail({ id });
    expect({ status: booking.status, version: booking.version }).toEqual({ status, version: 1 + applied.length });
    const times = log.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // One winner per stage of the race; the notes of damage fit in any status.
    expect(entries.filter((e) => e.type === Step.Assigned)).toHaveLength(1);
    expect(entries.filter((e) => e.type === Step.Damage)).toHaveLength(2);
  });

  it('writes nothing for a refused step, and no new version for a wrong PIN alone', async () => {
    const id = await newBooking();
    const actor = { userId: randomUUID(), role: 'courier' };
    const step = (steps: Step[], patch = {}) =>
      ds.transaction(async (em) => {
        const booking = (await lockLuggageBooking(em, { id }))!;
        return transitionLuggage(
          em,
          booking,
          steps.map((s) => ({ step: s })),
          { at: clock.now(), actor, patch },
        );
      });
    for (const s of [Step.Assigned, Step.CourierEnRoute, Step.PickedUp]) await step([s]);
    await expect(step([Step.Cancelled])).rejects.toMatchObject({ code: LuggageErrorCode.NotCancellable });
    // A list of steps is checked whole before anything is written.
    await expect(step([Step.Damage, Step.Assigned])).rejects.toMatchObject({ code: LuggageErrorCode.StatusConflict });
    const silent = await step([Step.PinRejected], { pinAttempts: 1 });
    expect({ status: silent.status, version: silent.version, pinAttempts: silent.pinAttempts }).toEqual({
      status: LuggageStatus.PickedUp,
      version: 4,
      pinAttempts: 1,
    });
    expect((await custodyLog(ds.manager, id)).map((e) => e.type)).toEqual([
      Step.Booked,
      Step.Assigned,
      Step.CourierEnRoute,
      Step.PickedUp,
      Step.PinRejected,
    ]);
  });
});
