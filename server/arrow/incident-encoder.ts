// Incidents → Arrow record batches with the columns of INCIDENT_ARROW_COLUMNS (server/wire):
// plain typed arrays filled in one pass per page, wrapped without copying.
import {
  Dictionary,
  Field,
  FixedSizeBinary,
  FixedSizeList,
  Float32,
  Float64,
  Int16,
  Int32,
  Int8,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Uint32,
  Utf8,
  type Data,
} from 'apache-arrow';
import type { IncidentPoint } from '../store/types.ts';
import { INCIDENT_ARROW_COLUMNS as C, INCIDENT_CATEGORIES, INCIDENT_PRIORITIES, INCIDENT_STAGES } from '../wire/index.ts';
import { GrowingDictionary } from './dictionary.ts';
import { parseIsoMs } from '../store/iso-time.ts';

/** A position column: two Float32 offsets per row. */
export const positionType = () => new FixedSizeList(2, new Field('offset', new Float32(), false));

const UUID = new Map([['ARROW:extension:name', 'arrow.uuid'], ['ARROW:extension:metadata', '']]);
const PRIORITY = new Map<string, number>(INCIDENT_PRIORITIES.map((p, i) => [p, i]));
const STAGE = new Map<string, number>(INCIDENT_STAGES.map((s, i) => [s, i]));

// Dictionary ids are per stream; each dictionary column has its own.
const types = {
  category: new Dictionary(new Utf8(), new Int8(), 0),
  source: new Dictionary(new Utf8(), new Int16(), 1),
  township: new Dictionary(new Utf8(), new Int16(), 2),
  village: new Dictionary(new Utf8(), new Int32(), 3),
  grid: new Dictionary(new Utf8(), new Int32(), 4),
};

const fields = [
  new Field(C.position, positionType(), false),
  new Field(C.id, new FixedSizeBinary(16), false, UUID),
  new Field(C.seq, new Uint32(), false),
  new Field(C.occurredAt, new Float64(), false),
  new Field(C.category, types.category, false),
  new Field(C.priority, new Int8(), false),
  new Field(C.stage, new Int8(), false),
  new Field(C.source, types.source, false),
  new Field(C.township, types.township, false),
  new Field(C.village, types.village, false),
  new Field(C.grid, types.grid, false),
];

export interface IncidentEncoder {
  readonly schema: Schema;
  /** One record batch of these incidents (dictionaries carried over from earlier batches). */
  encode(points: readonly IncidentPoint[]): RecordBatch;
}

/** An encoder for one stream: positions relative to `origin`, metadata on the schema. */
export function createIncidentEncoder(origin: readonly [number, number], metadata: Map<string, string>): IncidentEncoder {
  const schema = new Schema(fields, metadata);
  const [lng0, lat0] = origin;
  const dict = {
    category: new GrowingDictionary('category', 127, INCIDENT_CATEGORIES),
    source: new GrowingDictionary('source', 32_767),
    township: new GrowingDictionary('township', 32_767),
    village: new GrowingDictionary('village', 2 ** 31 - 1),
    grid: new GrowingDictionary('grid', 2 ** 31 - 1),
  };
  return {
    schema,
    encode(points) {
      const n = points.length;
      const position = new Float32Array(2 * n);
      const id = new Uint8Array(16 * n);
      const seq = new Uint32Array(n);
      const occurredAt = new Float64Array(n);
      const category = new Int8Array(n);
      const priority = new Int8Array(n);
      const stage = new Int8Array(n);
      const source = new Int16Array(n);
      const township = new Int16Array(n);
      const village = new Int32Array(n);
      const grid = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const p = points[k] as IncidentPoint;
        position[2 * k] = p.lng - lng0;
        position[2 * k + 1] = p.lat - lat0;
        writeUuid(p.id, id, 16 * k);
        if (p.seq > 0xffff_ffff) throw new RangeError(`seq ${p.seq} does not fit the Uint32 seq column`);
        seq[k] = p.seq;
        occurredAt[k] = parseIsoMs(p.occurredAt);
        category[k] = dict.category.index(p.category);
        priority[k] = PRIORITY.get(p.priority) ?? -1;
        stage[k] = STAGE.get(p.stage) ?? -1;
        source[k] = dict.source.index(p.source);
        township[k] = dict.township.index(p.townshipCode);
        village[k] = dict.village.index(p.villageCode);
        grid[k] = dict.grid.index(p.gridCode);
      }
      const base = { length: n, nullCount: 0 };
      const children: Data[] = [
        makeData({ ...base, type: positionType(), child: makeData({ ...base, length: 2 * n, type: new Float32(), data: position }) }),
        makeData({ ...base, type: new FixedSizeBinary(16), data: id }),
        makeData({ ...base, type: new Uint32(), data: seq }),
        makeData({ ...base, type: new Float64(), data: occurredAt }),
        makeData({ ...base, type: types.category, data: category, dictionary: dict.category.current() }),
        makeData({ ...base, type: new Int8(), data: priority }),
        makeData({ ...base, type: new Int8(), data: stage }),
        makeData({ ...base, type: types.source, data: source, dictionary: dict.source.current() }),
        makeData({ ...base, type: types.township, data: township, dictionary: dict.township.current() }),
        makeData({ ...base, type: types.village, data: village, dictionary: dict.village.current() }),
        makeData({ ...base, type: types.grid, data: grid, dictionary: dict.grid.current() }),
      ];
      return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children }));
    },
  };
}

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** Writes the 16 bytes of a UUID text (8-4-4-4-12 hex) at `at`. */
export function writeUuid(text: string, out: Uint8Array, at: number): void {
  let byte = 0;
  for (let i = 0; i < text.length && byte < 16; i++) {
    const code = text.charCodeAt(i);
    if (code === 45 && (i === 8 || i === 13 || i === 18 || i === 23)) continue; // the dashes
    const hi = HEX_VALUE[code] ?? -1;
    const lo = HEX_VALUE[text.charCodeAt(++i)] ?? -1;
    if (hi < 0 || lo < 0) throw new RangeError(`not a UUID: ${text}`);
    out[at + byte++] = (hi << 4) | lo;
  }
  if (byte !== 16) throw new RangeError(`not a UUID: ${text}`);
}
