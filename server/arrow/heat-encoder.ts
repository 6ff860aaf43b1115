// The heat grid's non-empty cells → one Arrow record batch with the columns of HEAT_ARROW_COLUMNS.
import { Field, Float32, makeData, RecordBatch, Schema, Struct, Uint32 } from 'apache-arrow';
import type { HeatCells } from '../aggregate/heat-grid.ts';
import { ARROW_META, HEAT_ARROW_COLUMNS as C, type HeatGridGeometry } from '../wire/index.ts';
import { positionType } from './incident-encoder.ts';

/** The cells as a record batch; `metadata` is extended with the total and the cell geometry. */
export function encodeHeatCells(cells: HeatCells, origin: readonly [number, number], metadata: Map<string, string>): RecordBatch {
  const n = cells.index.length;
  const position = new Float32Array(2 * n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    position[2 * k] = (cells.lng[k] as number) - origin[0];
    position[2 * k + 1] = (cells.lat[k] as number) - origin[1];
    total += cells.count[k] as number;
  }
  const geometry: HeatGridGeometry = {
    west: cells.west, south: cells.south, cellLng: cells.cellLng, cellLat: cells.cellLat,
    columns: cells.columns, rows: cells.rows, cellMeters: cells.cellMeters,
  };
  const meta = new Map(metadata);
  meta.set(ARROW_META.total, String(total));
  meta.set(ARROW_META.geometry, JSON.stringify(geometry));
  const fields = [new Field(C.position, positionType(), false), new Field(C.count, new Uint32(), false), new Field(C.cell, new Uint32(), false)];
  const schema = new Schema(fields, meta);
  const children = [
    makeData({ type: positionType(), length: n, nullCount: 0, child: makeData({ type: new Float32(), length: 2 * n, nullCount: 0, data: position }) }),
    makeData({ type: new Uint32(), length: n, nullCount: 0, data: cells.count }),
    makeData({ type: new Uint32(), length: n, nullCount: 0, data: cells.index }),
  ];
  return new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, nullCount: 0, children }));
}
