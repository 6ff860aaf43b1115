// The 30-day incident history as small dots, straight from typed columns as deck.gl binary
// attributes (positions as Float32 offsets from an origin, lnglat-offsets). Drawn under the live pins.
import { COORDINATE_SYSTEM, type GetPickingInfoParams, type PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';

/** Binary data of the dots; `idAt` names the incident of a row, for picking. */
export interface HistoryDots {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: 2 };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
    getRadius: { value: Float32Array; size: 1 };
  };
  idAt: (row: number) => string;
}

export interface IncidentHistoryInput {
  dots: HistoryDots | null;
  /** WGS-84 origin of the offsets. */
  origin: readonly [number, number];
  visible: boolean;
  /** Multiplies every dot's radius, like the pins per zoom band. */
  radiusScale: number;
}

/**
 * Binary data has no row objects, so deck.gl's picking would give none: a picked dot becomes
 * `{ id }` (the incident's id), which is what a click selects.
 */
class IncidentHistoryScatterLayer extends ScatterplotLayer<unknown> {
  static override layerName = 'IncidentHistoryScatterLayer';

  override getPickingInfo(params: GetPickingInfoParams): PickingInfo {
    const info = super.getPickingInfo(params);
    const data = this.props.data as unknown as HistoryDots;
    if (info.index >= 0 && info.index < data.length) info.object = { id: data.idAt(info.index) };
    return info;
  }
}

const EMPTY: HistoryDots = {
  length: 0,
  attributes: {
    getPosition: { value: new Float32Array(0), size: 2 },
    getFillColor: { value: new Uint8Array(0), size: 4, normalized: true },
    getRadius: { value: new Float32Array(0), size: 1 },
  },
  idAt: () => '',
};

/** The history dots; `dots` must be a new object only when rows or the CRS changed. */
export function incidentHistoryLayer({ dots, origin, visible, radiusScale }: IncidentHistoryInput) {
  return new IncidentHistoryScatterLayer({
    id: 'incident-history',
    data: dots ?? EMPTY,
    visible: visible && !!dots,
    pickable: true,
    coordinateSystem: COORDINATE_SYSTEM.LNGLAT_OFFSETS,
    coordinateOrigin: [origin[0], origin[1], 0],
    radiusUnits: 'pixels',
    radiusScale,
    radiusMinPixels: 1.2,
    stroked: false,
    filled: true,
  });
}
