import { loadConfig } from '@app/config';
import { DevMessagesController } from './dev-messages.controller';
import { NotificationsApiModule } from './notifications-api.module';
import { NotificationsController } from './notifications.controller';

describe('NotificationsApiModule', () => {
  it('mounts /dev/messages in development and tests', () => {
    expect(NotificationsApiModule.forRoot(loadConfig({ NODE_ENV: 'development' })).controllers).toEqual([
      NotificationsController,
      DevMessagesController,
    ]);
    expect(NotificationsApiModule.forRoot(loadConfig({ NODE_ENV: 'test' })).controllers).toContain(
      DevMessagesController,
    );
  });

  it('leaves /dev/messages out in production: its texts hold PINs and links', () => {
    const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-0123456789abcdef' });
    expect(NotificationsApiModule.forRoot(production).controllers).toEqual([NotificationsController]);
  });
});
