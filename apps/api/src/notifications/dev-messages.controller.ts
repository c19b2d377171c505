import { Controller, Get, Header } from '@nestjs/common';
import { DateTime } from 'luxon';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '@app/auth';
import { DevMessageEntity } from '@app/database';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Readable on a phone too: long links and addresses wrap instead of widening the page. */
const STYLE =
  'body{font-family:system-ui,sans-serif;margin:1rem;max-width:60rem}h2{font-size:1.1rem;overflow-wrap:anywhere}pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.5rem}article{border-top:1px solid #ccc}';
/** The service's clock (messages are read against Seoul times in their text). */
const seoulTime = (at: Date) => DateTime.fromJSDate(at, { zone: 'Asia/Seoul' }).toFormat("yyyy-LL-dd HH:mm:ss 'KST'");

/**
 * The development outbox, the way maildev or letter_opener show it: every message the system
 * would have sent. Mounted only outside production (see NotificationsApiModule): the texts
 * hold PINs and tracking links.
 */
@ApiExcludeController()
@Controller('dev/messages')
export class DevMessagesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(): Promise<string> {
    const rows = await this.dataSource.getRepository(DevMessageEntity).find({ order: { id: 'DESC' }, take: 200 });
    const items = rows
      .map(
        (m) =>
          `<article data-notification-id="${m.notificationId}"><h2>${escape(m.kind)} → ${escape(m.recipient)}</h2><p><small>${seoulTime(m.createdAt)}</small> ${escape(m.subject ?? '')}</p><pre>${escape(m.body)}</pre></article>`,
      )
      .join('\n');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Development outbox</title><style>${STYLE}</style></head><body><h1>Development outbox (${rows.length})</h1><p>Messages the system would have sent; no provider is configured. Newest first.</p>${items || '<p>No messages yet.</p>'}</body></html>`;
  }

  /** The same as JSON, for scripts and the browser test. */
  @Get('json')
  @Public()
  @Header('Cache-Control', 'no-store')
  async json(): Promise<DevMessageEntity[]> {
    return this.dataSource.getRepository(DevMessageEntity).find({ order: { id: 'DESC' }, take: 200 });
  }
}
