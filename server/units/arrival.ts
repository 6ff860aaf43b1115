// Arriving is offered, not forced: when a unit on its way comes within ~50 m of the scene, its phone
// page (and the officer's card) offers "on scene" (到场) for one tap. A GPS fix is not proof — a unit
// driving past, or a fix jumping — so the server never records the arrival by itself.
import { haversineM } from '../dispatch/geo.ts';
import type { UnitDutyState } from '../wire/unit-status.ts';

/** Default radius of the offer, metres. */
export const ARRIVAL_RADIUS_M = 50;

/** The offer to record the unit on scene (with its distance), or null when there is none to make. */
export function arrivalOffer(
  state: UnitDutyState, position: { lng: number; lat: number }, scene: { lng: number; lat: number }, radiusM = ARRIVAL_RADIUS_M,
): { caseId: string; distanceM: number } | null {
  if ((state.status !== 'dispatched' && state.status !== 'en-route') || !state.assignment) return null;
  const distanceM = haversineM(position.lng, position.lat, scene.lng, scene.lat);
  return distanceM <= radiusM ? { caseId: state.assignment.caseId, distanceM } : null;
}
