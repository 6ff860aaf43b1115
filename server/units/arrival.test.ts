// Arrival within ~50 m of the scene is offered to a unit on its way, never recorded by the server.
import { describe, expect, it } from 'vitest';
import { at } from '../dispatch/fixtures.ts';
import { availableUnitCommands } from './status-authority.ts';
import { arrivalOffer } from './arrival.ts';
import { unitActors, unitIn } from './status-fixtures.ts';

const scene = { lng: at(0, 0)[0], lat: at(0, 0)[1] };
const pos = (x: number, y: number) => ({ lng: at(x, y)[0], lat: at(x, y)[1] });

describe('arrival offer', () => {
  it('offers on scene to a unit en route or dispatched within 50 m, naming its case', () => {
    expect(arrivalOffer(unitIn('en-route').state, pos(30, 30), scene)).toEqual({ caseId: 'case-1', distanceM: expect.closeTo(Math.hypot(30, 30), 0) });
    expect(arrivalOffer(unitIn('dispatched').state, pos(0, 49), scene)).not.toBeNull();
  });

  it('offers nothing farther away, or to a unit that is not on its way', () => {
    expect(arrivalOffer(unitIn('en-route').state, pos(0, 51), scene)).toBeNull();
    for (const status of ['available', 'on-scene', 'returning', 'off-duty', 'out-of-service'] as const) expect(arrivalOffer(unitIn(status).state, pos(0, 0), scene)).toBeNull();
  });

  it('is only an offer: the server may not record the arrival itself', () => {
    expect(availableUnitCommands(unitIn('en-route').state, unitActors.system)).not.toContain('arrive');
    expect(availableUnitCommands(unitIn('en-route').state, unitActors.self)).toContain('arrive');
  });
});
