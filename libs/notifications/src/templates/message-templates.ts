/**
 * Message texts, Korean and English, rendered from plain variables. No framework, no I/O: the
 * same function renders for the provider, the development outbox and the tests.
 */
export enum MessageTemplate {
  /** To the traveller's phone: price, pickup window, deadline, tracking link and the PIN. */
  LuggageBooked = 'luggage_booked',
  /** To the traveller's email: the same without the PIN (the PIN goes to their phone only). */
  LuggageBookedEmail = 'luggage_booked_email',
  LuggageCourierEnRoute = 'luggage_courier_en_route',
  LuggagePickedUp = 'luggage_picked_up',
  LuggageDelivered = 'luggage_delivered',
  /** To a new staff member's phone and email: the single-use link to set a password. */
  StaffInvite = 'staff_invite',
  /** To the rider: the van, its plate and the promised pickup window. */
  RideAssigned = 'ride_assigned',
}

export type MessageLanguage = 'ko' | 'en';

/** Values a template may use; times are ISO-8601 instants, shown in the service's time zone. */
export interface TemplateVariables {
  reference?: string;
  priceKrw?: number;
  pickupFrom?: string;
  pickupTo?: string;
  deadline?: string;
  etaAt?: string | null;
  bags?: number;
  name?: string;
  expiresAt?: string;
  vehicleLabel?: string;
  plate?: string;
  pickupPlace?: string;
}

/** Values that must never be stored in clear, listed or logged. */
export interface TemplateSecrets {
  pin?: string;
  trackingUrl?: string;
  /** A staff invite's single-use link. */
  inviteUrl?: string;
}

export interface RenderedMessage {
  /** Email subject (and the title line of an AlimTalk). */
  subject: string;
  text: string;
  /** The AlimTalk template's `#{name}` variables: registered templates take values, not text. */
  alimTalkVariables: Record<string, string>;
}

export function isMessageTemplate(value: string): value is MessageTemplate {
  return (Object.values(MessageTemplate) as string[]).includes(value);
}

function formatter(language: MessageLanguage, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

function timeOnly(language: MessageLanguage, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

function price(language: MessageLanguage, krw: number): string {
  const digits = new Intl.NumberFormat('en-US').format(krw);
  return language === 'ko' ? `${digits}원` : `KRW ${digits}`;
}

/** A missing variable is a programming error: a message with a blank where the price goes must not leave. */
function need<T>(value: T | undefined | null, name: string): T {
  if (value === undefined || value === null) throw new Error(`template variable "${name}" is missing`);
  return value;
}

export function renderMessage(
  template: MessageTemplate,
  language: MessageLanguage,
  v: TemplateVariables,
  secrets: TemplateSecrets,
  timeZone: string,
): RenderedMessage {
  const at = (iso: string | undefined | null, name: string) =>
    formatter(language, timeZone).format(new Date(need(iso, name)));
  const clock = (iso: string | undefined | null, name: string) =>
    timeOnly(language, timeZone).format(new Date(need(iso, name)));
  const ko = language === 'ko';
  switch (template) {
    case MessageTemplate.StaffInvite: {
      const vars = {
        '#{이름}': need(v.name, 'name'),
        '#{링크}': need(secrets.inviteUrl, 'inviteUrl'),
        '#{만료}': at(v.expiresAt, 'expiresAt'),
      };
      const text = ko
        ? `[무빙콜·프리러그] ${vars['#{이름}']}님, 직원 계정이 만들어졌습니다. 비밀번호 설정: ${vars['#{링크}']} (${vars['#{만료}']}까지, 한 번만 쓸 수 있습니다)`
        : `[Moving-call · Free-Lug] ${vars['#{이름}']}, your staff account is ready. Set your password: ${vars['#{링크}']} (until ${vars['#{만료}']}, single use)`;
      return { subject: ko ? '직원 계정 초대' : 'Your staff account invite', text, alimTalkVariables: vars };
    }
    case MessageTemplate.RideAssigned: {
      const vars = {
        '#{차량}': need(v.vehicleLabel, 'vehicleLabel'),
        '#{번호판}': need(v.plate, 'plate'),
        '#{픽업}': `${clock(v.pickupFrom, 'pickupFrom')}–${clock(v.pickupTo, 'pickupTo')}`,
        '#{정류장}': v.pickupPlace ?? '-',
      };
      const place = v.pickupPlace ? (ko ? ` ${v.pickupPlace}에서` : ` at ${v.pickupPlace}`) : '';
      const text = ko
        ? `[무빙콜] 배차되었습니다: ${vars['#{차량}']} (${vars['#{번호판}']}),${place} ${vars['#{픽업}']} 사이에 도착합니다.`
        : `[Moving-call] Your ride is booked: ${vars['#{차량}']} (${vars['#{번호판}']}) picks you up${place} between ${vars['#{픽업}']}.`;
      return { subject: ko ? '무빙콜 배차 완료' : 'Moving-call ride assigned', text, alimTalkVariables: vars };
    }
    default:
      return renderLuggage(template, language, v, secrets, at, clock);
  }
}

function renderLuggage(
  template: Exclude<MessageTemplate, MessageTemplate.StaffInvite | MessageTemplate.RideAssigned>,
  language: MessageLanguage,
  v: TemplateVariables,
  secrets: TemplateSecrets,
  at: (iso: string | undefined | null, name: string) => string,
  clock: (iso: string | undefined | null, name: string) => string,
): RenderedMessage {
  const ref = need(v.reference, 'reference');
  const ko = language === 'ko';
  switch (template) {
    case MessageTemplate.LuggageBooked:
    case MessageTemplate.LuggageBookedEmail: {
      const withPin = template === MessageTemplate.LuggageBooked;
      const vars = {
        '#{예약번호}': ref,
        '#{금액}': price(language, need(v.priceKrw, 'priceKrw')),
        '#{픽업}': `${at(v.pickupFrom, 'pickupFrom')}–${clock(v.pickupTo, 'pickupTo')}`,
        '#{마감}': at(v.deadline, 'deadline'),
        '#{추적링크}': need(secrets.trackingUrl, 'trackingUrl'),
        ...(withPin ? { '#{PIN}': need(secrets.pin, 'pin') } : {}),
      };
      const lines = ko
        ? [
            `[Free-Lug] 예약이 확정되었습니다 (${ref})`,
            `금액: ${vars['#{금액}']}`,
            `픽업: ${vars['#{픽업}']}`,
            `배송 마감: ${vars['#{마감}']}`,
            `실시간 추적: ${vars['#{추적링크}']}`,
            ...(withPin ? [`인계 PIN: ${vars['#{PIN}']} (배송원에게만 알려 주세요)`] : []),
          ]
        : [
            `[Free-Lug] Your booking is confirmed (${ref})`,
            `Price: ${vars['#{금액}']}`,
            `Pickup: ${vars['#{픽업}']}`,
            `Delivered by: ${vars['#{마감}']}`,
            `Track: ${vars['#{추적링크}']}`,
            ...(withPin ? [`Handover PIN: ${vars['#{PIN}']} (tell it only to the courier at delivery)`] : []),
          ];
      return {
        subject: ko ? `Free-Lug 예약 확정 ${ref}` : `Free-Lug booking confirmed ${ref}`,
        text: lines.join('\n'),
        alimTalkVariables: vars,
      };
    }
    case MessageTemplate.LuggageCourierEnRoute: {
      const eta = v.etaAt ? clock(v.etaAt, 'etaAt') : null;
      const vars = { '#{예약번호}': ref, '#{도착예정}': eta ?? '-' };
      const text = ko
        ? `[Free-Lug] 배송원이 짐을 받으러 가고 있습니다 (${ref})${eta ? `. 도착 예정 ${eta}` : ''}`
        : `[Free-Lug] Your courier is on the way to collect your bags (${ref})${eta ? `, arriving about ${eta}` : ''}`;
      return { subject: ko ? `배송원 이동 중 ${ref}` : `Courier on the way ${ref}`, text, alimTalkVariables: vars };
    }
    case MessageTemplate.LuggagePickedUp: {
      const bags = need(v.bags, 'bags');
      const vars = { '#{예약번호}': ref, '#{개수}': String(bags), '#{마감}': at(v.deadline, 'deadline') };
      const text = ko
        ? `[Free-Lug] 짐 ${bags}개를 인수했습니다 (${ref}). ${vars['#{마감}']}까지 배송합니다. 사진은 추적 페이지에서 볼 수 있습니다.`
        : `[Free-Lug] We have your ${bags} bag${bags === 1 ? '' : 's'} (${ref}), to be delivered by ${vars['#{마감}']}. Photos are on your tracking page.`;
      return { subject: ko ? `짐 인수 완료 ${ref}` : `Bags picked up ${ref}`, text, alimTalkVariables: vars };
    }
    case MessageTemplate.LuggageDelivered: {
      const vars = { '#{예약번호}': ref, '#{금액}': price(language, need(v.priceKrw, 'priceKrw')) };
      const text = ko
        ? `[Free-Lug] 짐이 배송되었습니다 (${ref}). 결제 금액 ${vars['#{금액}']}. 이용해 주셔서 감사합니다.`
        : `[Free-Lug] Your bags have been delivered (${ref}). Charged ${vars['#{금액}']}. Thank you for travelling light.`;
      return { subject: ko ? `배송 완료 ${ref}` : `Delivered ${ref}`, text, alimTalkVariables: vars };
    }
    default: {
      const unknown: never = template;
      throw new Error(`unknown template ${String(unknown)}`);
    }
  }
}
