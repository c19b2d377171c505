import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  custodyLog,
  insertLuggageBooking,
  lockLuggageBooking,
  LuggageBookingEntity,
  PlaceEntity,
  PriceRuleEntity,
  ServiceAreaEntity,
  transitionLuggage,
} from '@app/database';
import { haversineMatrix, haversineMeters } from '@app/dispatch';
import {
  assertBagCounts,
  BagClass,
  BagCounts,
  cancellationFeeFor,
  Clock,
  computeSchedule,
  containsPoint,
  CustodyEventType,
  forbidden,
  invalid,
  isSimulationArea,
  LuggageDirection,
  LuggageErrorCode,
  notFound,
  parseLuggageSettings,
  PlaceKind,
  priceQuote,
  PriceRules,
  Principal,
  ServiceKind,
  totalBags,
  worksInArea,
} from '@app/domain';
import { DispatchJob, enqueueInTransaction, luggageReplanJob, OutboxRelayService } from '@app/queues';
import { NotificationRecorder } from '@app/notifications';
import { publishLuggageStatus, RealtimePublisher } from '@app/realtime';
import {
  CreateLuggageBookingDto,
  LuggageBookingCreatedDto,
  PlaceRefDto,
  QuoteDto,
  QuoteRequestDto,
} from './dto/quote.dto';
import { CancelResultDto } from './dto/tracking.dto';
import { LuggageBookingViewDto, LuggageListQueryDto } from './dto/dispatch-view.dto';
import { dispatchableBooking } from './booking-access';
import { IdempotencyService, requestFingerprint } from '../common/idempotency';
import { QuotedAddress, QuotePayload, QuoteSigner } from './quote-signer';
import { luggageBookedNotifications } from './luggage-notifications';
import { derivedSecrets, hashPin, hashToken, newPin, newReference, newTrackingToken } from './secrets';

const ENDPOINT_KINDS = new Set([PlaceKind.Hotel, PlaceKind.Home, PlaceKind.Airport]);

const placeRef = (p: Endpoint): PlaceRefDto => ({ code: p.code, nameKo: p.nameKo, nameEn: p.nameEn });

/** One side of a trip: a catalogue place, or an address the traveller gave (a home). */
interface Endpoint {
  place: PlaceEntity | null;
  address: QuotedAddress | null;
  kind: PlaceKind;
  areaId: string;
  lat: number;
  lng: number;
  code: string | null;
  nameKo: string;
  nameEn: string;
}

interface TripSides {
  origin?: string | null;
  originAddress?: QuotedAddress | null;
  destination?: string | null;
  destinationAddress?: QuotedAddress | null;
}

const sameAddress = (a: QuotedAddress | null | undefined, b: QuotedAddress | null | undefined): boolean =>
  (!a && !b) || (!!a && !!b && a.text.trim() === b.text.trim() && a.lat === b.lat && a.lng === b.lng);
const bagsOf = (dto: QuoteRequestDto): BagCounts => ({
  [BagClass.CarryOn]: dto.bags.carry_on,
  [BagClass.Suitcase]: dto.bags.suitcase,
  [BagClass.Oversize]: dto.bags.oversize,
});

@Injectable()
export class LuggageBookingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: QuoteSigner,
    private readonly clock: Clock,
    private readonly relay: OutboxRelayService,
    private readonly publisher: RealtimePublisher,
    private readonly idempotency: IdempotencyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationRecorder,
  ) {}

  async quote(dto: QuoteRequestDto): Promise<QuoteDto> {
    const now = this.clock.now();
    const { payload, origin, destination, breakdown } = await this.price(this.dataSource.manager, dto, now);
    return {
      quoteToken: this.signer.sign(payload),
      expiresAt: new Date(payload.exp * 1000).toISOString(),
      direction: payload.direction,
      origin: placeRef(origin),
      destination: placeRef(destination),
      priceKrw: payload.priceKrw,
      breakdown,
      priceRuleVersion: payload.priceRuleVersion,
      serviceDate: payload.serviceDate,
      pickupWindow: payload.pickupWindow,
      deliveryWindow: payload.deliveryWindow,
      deadline: payload.deadline,
      nextSlotOffered: payload.nextSlotOffered,
    };
  }

  /** Validates places, bags and times and prices them with the rules in force. Pure reads. */
  private async price(em: EntityManager, dto: QuoteRequestDto, now: Date) {
    const [origin, destination] = await this.endpoints(em, dto);
    const area = await em.getRepository(ServiceAreaEntity).findOneByOrFail({ id: origin.areaId });
    const settings = parseLuggageSettings(area.settings);
    const bags = bagsOf(dto);
    assertBagCounts(bags, settings.maxBags);
    const direction =
      destination.kind === PlaceKind.Airport ? LuggageDirection.ToAirport : LuggageDirection.FromAirport;
    const flightAt = new Date(dto.flightAt);
    const readyAt = dto.readyAt ? new Date(dto.readyAt) : undefined;
    const travel = haversineMatrix([origin, destination], flightAt, {
      roadFactor: this.config.travel.roadFactor,
      ...(this.config.travel.speedKmhByHour
        ? { speed: { kmhByHour: this.config.travel.speedKmhByHour, utcOffsetHours: 9 } }
        : {}),
    });
    const schedule = computeSchedule({
      direction,
      now,
      timezone: area.timezone,
      settings,
      departureAt: direction === LuggageDirection.ToAirport ? flightAt : undefined,
      arrivalAt: direction === LuggageDirection.FromAirport ? flightAt : undefined,
      readyAt,
      directTravelS: travel.seconds[0][1],
    });
    const rule = await em
      .getRepository(PriceRuleEntity)
      .findOne({ where: { areaId: area.id }, order: { version: 'DESC' } });
    if (!rule) throw invalid(LuggageErrorCode.PriceRulesMissing, 'This area has no price rules yet.');
    const breakdown = priceQuote(rule.rules, bags, haversineMeters(origin, destination) / 1000);
    const iat = Math.floor(now.getTime() / 1000);
    const payload: QuotePayload = {
      v: 1,
      areaId: area.id,
      origin: origin.code,
      destination: destination.code,
      originAddress: origin.address,
      destinationAddress: destination.address,
      direction,
      bags,
      flightNumber: dto.flightNumber,
      flightAt: flightAt.toISOString(),
      readyAt: readyAt?.toISOString() ?? null,
      priceKrw: breakdown.totalKrw,
      priceRuleVersion: rule.version,
      serviceDate: schedule.serviceDate,
      pickupWindow: { start: schedule.pickupWindow.start.toISOString(), end: schedule.pickupWindow.end.toISOString() },
      deliveryWindow: {
        start: schedule.deliveryWindow.start.toISOString(),
        end: schedule.deliveryWindow.end.toISOString(),
      },
      deadline: schedule.deadline.toISOString(),
      nextSlotOffered: schedule.nextSlotOffered,
      iat,
      exp: iat + this.config.luggage.quoteTtlS,
    };
    return { payload, origin, destination, area, breakdown };
  }

  /** Both sides of the trip: catalogue places or addresses in a luggage area, exactly one an airport terminal. */
  private async endpoints(em: EntityManager, sides: TripSides): Promise<[Endpoint, Endpoint]> {
    const codes = [sides.origin, sides.destination].filter((c): c is string => !!c);
    const rows = codes.length
      ? await em
          .getRepository(PlaceEntity)
          .find({ where: { code: In(codes), retiredAt: IsNull() }, relations: { area: true } })
      : [];
    const areas =
      sides.originAddress || sides.destinationAddress
        ? await em.getRepository(ServiceAreaEntity).findBy({ kind: ServiceKind.Luggage })
        : [];
    const side = (
      field: 'origin' | 'destination',
      code: string | null | undefined,
      address: QuotedAddress | null | undefined,
    ): Endpoint => {
      if (!code === !address)
        throw invalid(
          LuggageErrorCode.RouteInvalid,
          `Give either the place code or the address of the ${field}, not both.`,
          { field },
        );
      if (code) {
        const p = rows.find((r) => r.code === code);
        if (!p || p.area?.kind !== ServiceKind.Luggage || !ENDPOINT_KINDS.has(p.kind) || p.kind === PlaceKind.Home) {
          throw invalid(LuggageErrorCode.PlaceUnknown, `We do not serve the place "${code}".`, { field, code });
        }
        return {
          place: p,
          address: null,
          kind: p.kind,
          areaId: p.areaId,
          lat: p.lat,
          lng: p.lng,
          code: p.code,
          nameKo: p.nameKo,
          nameEn: p.nameEn,
        };
      }
      const at = { text: address!.text.trim(), lat: address!.lat, lng: address!.lng };
      // A simulator's area overlaps the real one: a person's address is never looked up in it.
      const area = areas.find((a) => !isSimulationArea(a) && containsPoint(a.boundary, at));
      if (!area)
        throw invalid(
          LuggageErrorCode.AddressOutsideArea,
          `We do not deliver to that ${field} address: it lies outside our area.`,
          { field },
        );
      const name = at.text.slice(0, 120);
      return {
        place: null,
        address: at,
        kind: PlaceKind.Home,
        areaId: area.id,
        lat: at.lat,
        lng: at.lng,
        code: null,
        nameKo: name,
        nameEn: name,
      };
    };
    const origin = side('origin', sides.origin, sides.originAddress);
    const destination = side('destination', sides.destination, sides.destinationAddress);
    const airports = [origin, destination].filter((p) => p.kind === PlaceKind.Airport).length;
    if (origin.areaId !== destination.areaId || airports !== 1) {
      throw invalid(
        LuggageErrorCode.RouteInvalid,
        'Free-Lug carries bags between a hotel or home and an airport terminal.',
      );
    }
    return [origin, destination];
  }

  /** The place row a booking points to: the catalogue's, or a private one made for the traveller's address. */
  private async placeOf(tx: EntityManager, e: Endpoint): Promise<PlaceEntity> {
    if (e.place) return e.place;
    const repo = tx.getRepository(PlaceEntity);
    return repo.save(
      repo.create({
        code: `home-${randomBytes(8).toString('hex')}`,
        areaId: e.areaId,
        nameKo: e.nameKo,
        nameEn: e.nameEn,
        kind: PlaceKind.Home,
        lat: e.lat,
        lng: e.lng,
        isStop: false,
        addressKo: e.address!.text,
      }),
    );
  }

  /**
   * POST /bookings with optional Idempotency-Key, through the shared idempotency store. The
   * stored response leaves out the PIN and the tracking token (never stored in clear): with a
   * key they are derived from it, so a replay answers them again.
   */
  async create(dto: CreateLuggageBookingDto, idempotencyKey?: string): Promise<LuggageBookingCreatedDto> {
    const fingerprint = requestFingerprint('POST /v1/luggage/bookings', dto);
    const done: { fresh?: { dto: LuggageBookingCreatedDto; booking: LuggageBookingEntity } } = {};
    const result = await this.idempotency.run(
      { scope: 'anon', key: idempotencyKey, fingerprint, status: 201 },
      async (em) => {
        done.fresh = await this.book(
          em,
          dto,
          idempotencyKey === undefined ? null : { key: idempotencyKey, fingerprint },
        );
        const { pin: _pin, trackingToken: _token, trackingUrl: _url, ...stored } = done.fresh.dto;
        return stored;
      },
    );
    if (!result.replayed && done.fresh) {
      this.afterBooked(done.fresh.booking);
      return done.fresh.dto;
    }
    const secrets = derivedSecrets(this.config.luggage.quoteSecret, idempotencyKey!, fingerprint);
    return { ...result.body, ...secrets, trackingUrl: this.trackingUrl(secrets.trackingToken) };
  }

  /** The traveller's tracking page (the web app serves /track/:token; GET /v1/tracking/:token is its API). */
  private trackingUrl(token: string): string {
    return `${this.config.publicUrls.api}/track/${token}`;
  }

  private createdDto(
    b: LuggageBookingEntity,
    secrets: { pin: string; trackingToken: string },
  ): LuggageBookingCreatedDto {
    return {
      id: b.id,
      reference: b.reference,
      pin: secrets.pin,
      trackingToken: secrets.trackingToken,
      trackingUrl: this.trackingUrl(secrets.trackingToken),
      status: b.status,
      priceKrw: b.priceKrw,
      serviceDate: b.serviceDate,
      pickupWindow: { start: b.pickupWindowStart.toISOString(), end: b.pickupWindowEnd.toISOString() },
      deliveryWindow: { start: b.deliveryWindowStart.toISOString(), end: b.deadlineAt.toISOString() },
      deadline: b.deadlineAt.toISOString(),
    };
  }

  /** Verifies the signed quote, then writes booking, custody entry and planning job in one transaction. */
  private async book(
    tx: EntityManager,
    dto: CreateLuggageBookingDto,
    idem: { key: string; fingerprint: string } | null,
  ): Promise<{ dto: LuggageBookingCreatedDto; booking: LuggageBookingEntity }> {
    const now = this.clock.now();
    const quote = this.signer.verify(dto.quoteToken, now);
    const bags = bagsOf(dto);
    const mismatch: string[] = [];
    if ((quote.origin ?? null) !== (dto.origin ?? null) || !sameAddress(quote.originAddress, dto.originAddress))
      mismatch.push('origin');
    if (
      (quote.destination ?? null) !== (dto.destination ?? null) ||
      !sameAddress(quote.destinationAddress, dto.destinationAddress)
    )
      mismatch.push('destination');
    if ((Object.keys(bags) as BagClass[]).some((c) => quote.bags[c] !== bags[c])) mismatch.push('bags');
    if (quote.flightNumber !== dto.flightNumber) mismatch.push('flightNumber');
    if (quote.flightAt !== new Date(dto.flightAt).toISOString()) mismatch.push('flightAt');
    if (quote.readyAt !== (dto.readyAt ? new Date(dto.readyAt).toISOString() : null)) mismatch.push('readyAt');
    if (mismatch.length)
      throw invalid(LuggageErrorCode.QuoteMismatch, 'The booking does not match the quote; ask for a new quote.', {
        fields: mismatch,
      });

    {
      const ends = await this.endpoints(tx, quote);
      const [origin, destination] = [await this.placeOf(tx, ends[0]), await this.placeOf(tx, ends[1])];
      const secrets = idem
        ? derivedSecrets(this.config.luggage.quoteSecret, idem.key, idem.fingerprint)
        : { pin: newPin(), trackingToken: newTrackingToken() };
      const { pin, trackingToken } = secrets;
      // The PIN hash binds the booking id, so the id is chosen here rather than by the insert.
      const id = randomUUID();
      const booking = await insertLuggageBooking(
        tx,
        {
          id,
          reference: newReference(),
          areaId: quote.areaId,
          direction: quote.direction,
          originPlaceId: origin.id,
          destinationPlaceId: destination.id,
          bagsCarryOn: bags[BagClass.CarryOn],
          bagsSuitcase: bags[BagClass.Suitcase],
          bagsOversize: bags[BagClass.Oversize],
          flightNumber: quote.flightNumber,
          flightAt: new Date(quote.flightAt),
          serviceDate: quote.serviceDate,
          pickupWindowStart: new Date(quote.pickupWindow.start),
          pickupWindowEnd: new Date(quote.pickupWindow.end),
          deliveryWindowStart: new Date(quote.deliveryWindow.start),
          deadlineAt: new Date(quote.deadline),
          contactName: dto.contact.name.trim(),
          contactPhone: dto.contact.phone.replace(/[^\d+]/g, ''),
          contactEmail: dto.contact.email.trim().toLowerCase(),
          language: dto.language,
          prohibitedItemsConfirmedAt: now,
          pinHash: hashPin(this.config.luggage.quoteSecret, id, pin),
          pinAttempts: 0,
          handoverLockedAt: null,
          trackingTokenHash: hashToken(trackingToken),
          priceKrw: quote.priceKrw,
          priceRuleVersion: quote.priceRuleVersion,
          cancellationFeeKrw: null,
          atRisk: false,
          createdAt: now,
        },
        {
          actor: { userId: null, role: 'traveller' },
          details: { bags: totalBags(bags), priceKrw: quote.priceKrw, priceRuleVersion: quote.priceRuleVersion },
          outbox: [
            (em) =>
              enqueueInTransaction(em, {
                name: DispatchJob.PlanLuggageBooking,
                payload: { bookingId: id },
                jobId: `luggage-plan.${id}`,
              }),
          ],
        },
      );
      const saved = await tx.getRepository(LuggageBookingEntity).findOneByOrFail({ id: booking.id });
      await this.notifications.record(
        tx,
        luggageBookedNotifications(saved, { pin, trackingUrl: this.trackingUrl(trackingToken) }),
      );
      return { dto: this.createdDto(saved, secrets), booking: saved };
    }
  }

  /** After the booking's transaction committed. */
  private afterBooked(booking: LuggageBookingEntity): void {
    this.relay.kick();
    publishLuggageStatus(this.publisher, booking);
  }

  /** Dispatch board: an area's bookings (of one service date when given), by deadline. */
  async listForArea(principal: Principal, query: LuggageListQueryDto): Promise<LuggageBookingViewDto[]> {
    if (!worksInArea(principal, query.areaId)) throw forbidden('AREA_FORBIDDEN', 'You do not dispatch this area.');
    const rows = await this.dataSource.getRepository(LuggageBookingEntity).find({
      where: { areaId: query.areaId, ...(query.date ? { serviceDate: query.date } : {}) },
      order: { deadlineAt: 'ASC' },
      take: 1000,
    });
    const places = await this.placesOf(this.dataSource.manager, rows);
    return rows.map((b) => LuggageBookingViewDto.from(b, places));
  }

  /** The places the bookings go from and to (catalogue places and travellers' addresses alike). */
  private async placesOf(em: EntityManager, bookings: LuggageBookingEntity[]): Promise<Map<string, PlaceEntity>> {
    const ids = [...new Set(bookings.flatMap((b) => [b.originPlaceId, b.destinationPlaceId]))];
    const rows = ids.length ? await em.getRepository(PlaceEntity).findBy({ id: In(ids) }) : [];
    return new Map(rows.map((p) => [p.id, p]));
  }

  /** One booking with its custody log, for a dispatcher of its area. */
  async viewWithCustody(principal: Principal, id: string): Promise<LuggageBookingViewDto> {
    const em = this.dataSource.manager;
    const booking = await dispatchableBooking(em, principal, id);
    const custody = await custodyLog(em, id);
    return LuggageBookingViewDto.from(booking, await this.placesOf(em, [booking]), custody);
  }

  /** Free until a courier sets off for the pickup; then the fee of the booking's price rules is recorded. */
  async cancel(
    where: { id: string } | { trackingTokenHash: string },
    actor: { userId: string | null; role: string },
    areaIds?: string[],
  ): Promise<CancelResultDto> {
    const now = this.clock.now();
    const result = await this.dataSource.transaction(async (tx) => {
      const booking = await lockLuggageBooking(tx, where);
      if (!booking || (areaIds && !areaIds.includes(booking.areaId))) {
        throw notFound(LuggageErrorCode.NotFound, 'No such luggage booking.');
      }
      const rule = await tx
        .getRepository(PriceRuleEntity)
        .findOneBy({ areaId: booking.areaId, version: booking.priceRuleVersion });
      const rules: PriceRules | undefined = rule?.rules;
      const fee = cancellationFeeFor(booking.status, rules?.cancellationFeeKrw ?? 0);
      await transitionLuggage(
        tx,
        booking,
        [{ step: CustodyEventType.Cancelled, details: { from: booking.status, feeKrw: fee } }],
        {
          at: now,
          actor,
          patch: { cancellationFeeKrw: fee },
          outbox: [(em) => enqueueInTransaction(em, luggageReplanJob(booking.areaId, booking.serviceDate, now))],
        },
      );
      return tx.getRepository(LuggageBookingEntity).findOneByOrFail({ id: booking.id });
    });
    this.relay.kick();
    publishLuggageStatus(this.publisher, result);
    return { reference: result.reference, status: result.status, cancellationFeeKrw: result.cancellationFeeKrw ?? 0 };
  }
}
