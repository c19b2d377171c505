import { MessageTemplate, renderMessage } from './message-templates';

const booked = {
  reference: 'FL-ABC123',
  priceKrw: 25000,
  pickupFrom: '2026-12-04T01:00:00.000Z',
  pickupTo: '2026-12-04T02:00:00.000Z',
  deadline: '2026-12-04T09:00:00.000Z',
};
const secrets = { pin: '482913', trackingUrl: 'http://localhost:3000/track/tok' };

describe('renderMessage', () => {
  it('writes the booking confirmation in Korean with price, pickup window and deadline in Seoul time, the link and the PIN', () => {
    const m = renderMessage(MessageTemplate.LuggageBooked, 'ko', booked, secrets, 'Asia/Seoul');
    expect(m.text).toContain('FL-ABC123');
    expect(m.text).toContain('25,000원');
    expect(m.text).toMatch(/10:00–11:00/);
    expect(m.text).toMatch(/18:00/);
    expect(m.text).toContain('http://localhost:3000/track/tok');
    expect(m.text).toContain('482913');
    expect(m.alimTalkVariables['#{PIN}']).toBe('482913');
  });

  it('writes it in English for an English-speaking traveller', () => {
    const m = renderMessage(MessageTemplate.LuggageBooked, 'en', booked, secrets, 'Asia/Seoul');
    expect(m.subject).toBe('Free-Lug booking confirmed FL-ABC123');
    expect(m.text).toContain('KRW 25,000');
    expect(m.text).toContain('Handover PIN: 482913');
  });

  it('leaves the PIN out of the email confirmation', () => {
    const m = renderMessage(
      MessageTemplate.LuggageBookedEmail,
      'en',
      booked,
      { trackingUrl: secrets.trackingUrl },
      'Asia/Seoul',
    );
    expect(m.text).not.toContain('PIN');
    expect(m.text).toContain(secrets.trackingUrl);
  });

  it('refuses to render a message with a missing variable rather than send a blank', () => {
    expect(() =>
      renderMessage(
        MessageTemplate.LuggagePickedUp,
        'ko',
        { reference: 'FL-1', deadline: booked.deadline },
        {},
        'Asia/Seoul',
      ),
    ).toThrow('"bags"');
  });

  it('counts the bags picked up, singular and plural', () => {
    expect(
      renderMessage(MessageTemplate.LuggagePickedUp, 'en', { ...booked, bags: 1 }, {}, 'Asia/Seoul').text,
    ).toContain('your 1 bag (');
    expect(
      renderMessage(MessageTemplate.LuggagePickedUp, 'en', { ...booked, bags: 3 }, {}, 'Asia/Seoul').text,
    ).toContain('your 3 bags (');
  });

  it('invites staff in Korean with their name, the link and its expiry', () => {
    const m = renderMessage(
      MessageTemplate.StaffInvite,
      'ko',
      { name: '김도윤', expiresAt: '2026-12-07T03:00:00.000Z' },
      { inviteUrl: 'http://x/invite/t' },
      'Asia/Seoul',
    );
    expect(m.text).toContain('김도윤님');
    expect(m.text).toContain('http://x/invite/t');
    expect(m.text).toMatch(/12:00/);
  });

  it('tells a rider the van, its plate, the stop and the promised window', () => {
    const m = renderMessage(
      MessageTemplate.RideAssigned,
      'ko',
      {
        vehicleLabel: '무빙콜 4호',
        plate: '인천 70바 1204',
        pickupFrom: '2026-12-04T00:05:00.000Z',
        pickupTo: '2026-12-04T00:20:00.000Z',
        pickupPlace: '오류역',
      },
      {},
      'Asia/Seoul',
    );
    expect(m.text).toBe(
      '[무빙콜] 배차되었습니다: 무빙콜 4호 (인천 70바 1204), 오류역에서 09:05–09:20 사이에 도착합니다.',
    );
  });
});
