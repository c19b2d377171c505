import { ErrorCodes, ErrorCodeWith, forbidden, notFound, Principal, Role, worksInArea } from '@app/domain';

/** Admins see every area; dispatchers only theirs. Returns null for "no filter". */
export function visibleAreaIds(principal: Principal): string[] | null {
  return principal.role === Role.Admin ? null : principal.areaIds;
}

export function assertAreaVisible(principal: Principal, areaId: string): void {
  if (!worksInArea(principal, areaId)) {
    throw forbidden(ErrorCodes.AREA_FORBIDDEN, 'You do not work in this service area.');
  }
}

/**
 * A record of an area the caller does not work in reads as no record at all (the same 404 and
 * code an unknown id gets): a 403 would tell that the id exists.
 */
export function assertRecordVisible(
  principal: Principal,
  areaId: string,
  code: ErrorCodeWith<404>,
  message: string,
): void {
  if (!worksInArea(principal, areaId)) throw notFound(code, message);
}

/** Narrows an optional ?areaId filter to what the caller may see; null means all areas. */
export function areaFilter(principal: Principal, areaId?: string): string[] | null {
  if (areaId) {
    assertAreaVisible(principal, areaId);
    return [areaId];
  }
  return visibleAreaIds(principal);
}
