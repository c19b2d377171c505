import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Roles } from '@app/auth';
import { NotificationEntity } from '@app/database';
import { ErrorCodes, forbidden, Principal, Role, worksInArea } from '@app/domain';
import { ApiProblems } from '@app/http';
import { NotificationQueryDto, notificationView, NotificationViewDto } from './notification.dto';

@ApiTags('admin: notifications')
@ApiBearerAuth()
@Controller('v1/admin/notifications')
@Roles(Role.Dispatcher, Role.Admin)
export class NotificationsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({
    summary: 'Messages sent about a ride, booking or staff member',
    description:
      "Admins, and dispatchers of the subject's area (AREA_FORBIDDEN otherwise). Oldest first; recipients masked; the text is never shown.",
  })
  @ApiOkResponse({ type: [NotificationViewDto] })
  @ApiProblems(ErrorCodes.AREA_FORBIDDEN)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: NotificationQueryDto,
  ): Promise<NotificationViewDto[]> {
    const rows = await this.dataSource
      .getRepository(NotificationEntity)
      .find({ where: { subjectId: query.subjectId }, order: { createdAt: 'ASC', template: 'ASC' } });
    if (
      rows.some((n) => n.areaId !== null && !worksInArea(principal, n.areaId)) ||
      (principal.role !== Role.Admin && rows.some((n) => n.areaId === null))
    ) {
      throw forbidden(ErrorCodes.AREA_FORBIDDEN, 'You do not dispatch this area.');
    }
    return rows.map(notificationView);
  }
}
