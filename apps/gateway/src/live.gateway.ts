import { Logger, OnModuleDestroy } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { Server, Socket } from 'socket.io';
import { ACCOUNT_CHECK_MAX_AGE_MS, AccountCheck, socketAuthMiddleware, TokenService, TrackingGrant } from '@app/auth';
import { Principal, Role } from '@app/domain';
import { MetricsService } from '@app/http';
import { Rooms, ServerEvents } from '@app/realtime';
import { TrackingAccess } from './tracking-access';

/** The rooms a principal may be in, decided on the server only: clients cannot ask for more. */
export function roomsFor(principal: Principal): string[] {
  const rooms = [Rooms.user(principal.userId)];
  if (principal.role === Role.Dispatcher) rooms.push(...principal.areaIds.map((id) => Rooms.area(id)));
  if (principal.role === Role.Admin) rooms.push(Rooms.admins());
  return rooms;
}

/**
 * Live status for riders, travellers, staff and dispatchers. Authentication happens in the
 * handshake middleware (a socket without a valid token never connects); events arrive from the
 * api and dispatcher through the Redis adapter.
 */
@WebSocketGateway({ transports: ['websocket', 'polling'] })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(LiveGateway.name);
  private sweep?: NodeJS.Timeout;

  @WebSocketServer()
  server: Server;

  constructor(
    private readonly tokens: TokenService,
    private readonly tracking: TrackingAccess,
    private readonly metrics: MetricsService,
    private readonly accounts: AccountCheck,
  ) {}

  afterInit(server: Server): void {
    server.use(
      socketAuthMiddleware(
        this.tokens,
        (token) => this.tracking.resolve(token),
        (p) => this.accounts.isCurrent(p),
      ) as never,
    );
    // Open sockets of an account that was deactivated or lost a role or area are cut (the
    // client reconnects and is refused, or joins the rooms of its new token).
    this.sweep = setInterval(() => void this.cutStaleSockets(server), ACCOUNT_CHECK_MAX_AGE_MS);
    this.sweep.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
  }

  private async cutStaleSockets(server: Server): Promise<void> {
    const open = [...server.sockets.sockets.values()].filter((socket) => socket.data.principal);
    if (!open.length) return;
    // One query for every account with an open socket; the database away: keep them, check next round.
    const current = await this.accounts
      .currentOf(open.map((socket) => socket.data.principal as Principal))
      .catch(() => null);
    open.forEach((socket, i) => current && !current[i] && socket.disconnect(true));
  }

  handleDisconnect(): void {
    this.metrics.connectedSockets.dec();
  }

  async handleConnection(socket: Socket): Promise<void> {
    // Every socket that reaches here will also disconnect once; refused handshakes never do.
    this.metrics.connectedSockets.inc();
    const principal = socket.data.principal as Principal | undefined;
    const grant = socket.data.tracking as TrackingGrant | undefined;
    if (!principal && grant) {
      // An anonymous traveller: exactly one booking's tracking room.
      const rooms = [Rooms.tracking(grant.bookingId)];
      await socket.join(rooms);
      const ready: ServerEvents['session.ready'] = { userId: '', role: 'tracking', rooms };
      socket.emit('session.ready', ready);
      return;
    }
    if (!principal) {
      socket.disconnect(true);
      return;
    }
    const rooms = roomsFor(principal);
    await socket.join(rooms);
    const ready: ServerEvents['session.ready'] = { userId: principal.userId, role: principal.role, rooms };
    socket.emit('session.ready', ready);
    this.logger.debug(`socket ${socket.id} joined ${rooms.join(',')}`);
  }
}
