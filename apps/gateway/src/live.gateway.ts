import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Server, Socket } from 'socket.io';
import { socketAuthMiddleware, TokenService, TrackingGrant } from '@app/auth';
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
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(LiveGateway.name);

  @WebSocketServer()
  server: Server;

  constructor(
    private readonly tokens: TokenService,
    private readonly tracking: TrackingAccess,
    private readonly metrics: MetricsService,
  ) {}

  afterInit(server: Server): void {
    server.use(socketAuthMiddleware(this.tokens, (token) => this.tracking.resolve(token)) as never);
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
