import { redactUrl } from './logging';

describe('redactUrl', () => {
  it('masks tracking and invite tokens in paths', () => {
    expect(redactUrl('/v1/tracking/abcDEF123_-x/cancel')).toBe('/v1/tracking/[redacted]/cancel');
    expect(redactUrl('/v1/invites/tok123/accept')).toBe('/v1/invites/[redacted]/accept');
    // The tracking page the booking links to carries the same token.
    expect(redactUrl('/track/abcDEF123_-x')).toBe('/track/[redacted]');
  });

  it('masks credentials in query strings and keeps the rest', () => {
    expect(redactUrl('/admin/queues?token=eyJ.x.y&page=2')).toBe('/admin/queues?token=[redacted]&page=2');
    expect(redactUrl('/v1/rides?scope=past')).toBe('/v1/rides?scope=past');
  });
});
