import { forbidden, Principal, Role, worksInArea } from '@app/domain';

/** Admins see every area; dispatchers only theirs. Returns null for "no filter". */
export function visibleAreaIds(principal: Principal): string[] | null {
  return principal.role === Role.Admin ? null : principal.areaIds;
}

export function assertAreaVisible(principal: Principal, areaId: string): void {
  if (!worksInArea(principal, areaId)) {
    throw forbidden('AREA_FORBIDDEN', 'You do not work in this service area.');
  }
}

/** Narrows an optional ?areaId filter to what the caller may see; null means all areas. */
export function areaFilter(principal: Principal, areaId?: string): string[] | null {
  if (areaId) {
    assertAreaVisible(principal, areaId);
    return [areaId];
  }
  return visibleAreaIds(principal);
}
