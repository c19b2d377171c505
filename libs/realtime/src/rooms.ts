/** Socket.IO room names. Authorization decides who may join which; see the gateway. */
export const Rooms = {
  user: (userId: string) => `user:${userId}`,
  area: (areaId: string) => `area:${areaId}`,
  admins: () => 'admins',
} as const;

/** Channel key shared by the gateway's Redis adapter and every emitter. */
export const socketIoKey = (prefix: string) => `${prefix}:socket.io`;
