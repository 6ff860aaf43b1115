import { describe, expect, it } from 'vitest';
import { loadJurisdiction } from '../jurisdiction/load.ts';
import { FIXTURE_JURISDICTION_DIR } from '../test-fixtures/index.ts';
import { createCameraStates } from './camera-states.ts';

const cameras = async () => (await loadJurisdiction(FIXTURE_JURISDICTION_DIR)).cameras;

describe('camera states', () => {
  it('starts from the states in the camera file', async () => {
    const s = createCameraStates(await cameras());
    expect(s.collection().features.map((f) => f.properties.state)).toEqual(['online', 'offline']);
  });

  it('serves a changed state in the collection and reports it once', async () => {
    const s = createCameraStates(await cameras());
    expect(s.set('cam-0001', 'fault', '2026-01-01T00:00:00Z')).toBe(true);
    expect(s.collection().features[0]!.properties.state).toBe('fault');
    expect(s.drainChanged()).toEqual([{ id: 'cam-0001', state: 'fault', at: '2026-01-01T00:00:00Z' }]);
    expect(s.drainChanged()).toEqual([]);
  });

  it('ignores unknown cameras and non-changes', async () => {
    const s = createCameraStates(await cameras());
    expect(s.set('cam-9999', 'fault', '2026-01-01T00:00:00Z')).toBe(false);
    expect(s.set('cam-0001', 'online', '2026-01-01T00:00:00Z')).toBe(false);
    expect(s.drainChanged()).toEqual([]);
  });

  it('leaves the loaded camera file untouched', async () => {
    const original = await cameras();
    const s = createCameraStates(original);
    s.set('cam-0001', 'fault', '2026-01-01T00:00:00Z');
    expect(original.features[0]!.properties.state).toBe('online');
  });
});
