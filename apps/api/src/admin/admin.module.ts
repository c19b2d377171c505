import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { AuditModule } from '../common/audit';
import { AreasController } from './areas/areas.controller';
import { AreasService } from './areas/areas.service';
import { CompaniesController } from './companies/companies.controller';
import { CompaniesService } from './companies/companies.service';
import { PlacesController } from './places/places.controller';
import { PlacesService } from './places/places.service';
import { ShiftsController } from './shifts/shifts.controller';
import { ShiftsService } from './shifts/shifts.service';
import { InvitesController, StaffController } from './staff/staff.controller';
import { StaffService } from './staff/staff.service';
import { VehiclesController } from './vehicles/vehicles.controller';
import { VehiclesService } from './vehicles/vehicles.service';

/** Operations: what admins change and dispatchers read, every change in the audit log. */
@Module({
  imports: [AuditModule, NotificationsModule],
  controllers: [
    AreasController,
    PlacesController,
    VehiclesController,
    StaffController,
    InvitesController,
    ShiftsController,
    CompaniesController,
  ],
  providers: [AreasService, PlacesService, VehiclesService, StaffService, ShiftsService, CompaniesService],
})
export class AdminModule {}
