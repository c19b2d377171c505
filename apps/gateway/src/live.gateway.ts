import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Server, Socket } from 'socket.io';
import { socketAuthMiddleware, TokenService } from '@app/auth';
import { Principal, Role } from '@app/domain';
import { Rooms, ServerEvents } from '@app/realtime';

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
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(LiveGateway.name);

  @WebSocketServer()
  server: Server;

  constructor(private readonly tokens: TokenService) {}

  afterInit(server: Server): void {
    server.use(socketAuthMiddleware(this.tokens) as never);
  }

  async handleConnection(socket: Socket): Promise<void> {
    const principal = socket.data.principal as Principal | undefined;
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
