/** Socket.IO room names. Authorization decides who may join which; see the gateway. */
export const Rooms = {
  user: (userId: string) => `user:${userId}`,
  area: (areaId: string) => `area:${areaId}`,
  admins: () => 'admins',
  /** One luggage booking's anonymous tracking link (its token is the only credential). */
  tracking: (bookingId: string) => `tracking:${bookingId}`,
} as const;

/** Channel key shared by the gateway's Redis adapter and every emitter. */
export const socketIoKey = (prefix: string) => `${prefix}:socket.io`;
