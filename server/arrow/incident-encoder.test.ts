import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { IncidentPoint } from '../store/types.ts';
import { uuidv7 } from '../store/ids.ts';
import { readIncidentColumns, uuidAt } from '../wire/index.ts';
import { createIncidentEncoder, writeUuid } from './incident-encoder.ts';
import { ipcStream } from './ipc-stream.ts';

const point = (k: number, over: Partial<IncidentPoint> = {}): IncidentPoint => ({
  seq: k + 1, id: uuidv7(Date.UTC(2026, 0, 1) + k), source: 'alarm-110', category: 'fire', priority: 'high', stage: 'intake',
  lng: 119.9 + k * 1e-4, lat: 32.48, occurredAt: new Date(Date.UTC(2026, 0, 1) + k * 1000).toISOString(),
  townshipCode: '321202001', villageCode: '321202001002', gridCode: '321202001002001', ...over,
});

async function roundTrip(batches: IncidentPoint[][]) {
  const encoder = createIncidentEncoder([119.9, 32.5], new Map([['yizhangtu.origin', '119.9,32.5']]));
  const chunks: Buffer[] = [];
  for await (const chunk of ipcStream(encoder.schema, batches.map((b) => encoder.encode(b)))) chunks.push(chunk as Buffer);
  return readIncidentColumns(tableFromIPC(Buffer.concat(chunks)));
}

describe('incident encoder', () => {
  it('writes ids as 16 bytes that read back as the same text, and refuses anything else', () => {
    const out = new Uint8Array(32);
    for (let k = 0; k < 50; k++) {
      const id = uuidv7(Date.now() + k);
      writeUuid(id, out, 16);
      expect(uuidAt(out, 1)).toBe(id);
    }
    expect(() => writeUuid('0190a8f2-xxxx-7abc-8def-0123456789ab', out, 0)).toThrow(/not a UUID/);
    expect(() => writeUuid('0190a8f2', out, 0)).toThrow(/not a UUID/);
  });

  it('keeps dictionary indexes stable across batches as new values appear', async () => {
    const c = await roundTrip([
      [point(0), point(1, { source: 'hotline-12345', gridCode: '321202001002002' })],
      [point(2, { source: 'sensor', townshipCode: '321202002', villageCode: '321202002001', gridCode: '321202002001001' }), point(3)],
    ]);
    expect(Array.from(c.source, (i) => c.sources[i])).toEqual(['alarm-110', 'hotline-12345', 'sensor', 'alarm-110']);
    expect(Array.from(c.grid, (i) => c.grids[i])).toEqual(['321202001002001', '321202001002002', '321202002001001', '321202001002001']);
    expect(Array.from(c.township, (i) => c.townships[i])).toEqual(['321202001', '321202001', '321202002', '321202001']);
    expect(Array.from(c.seq)).toEqual([1, 2, 3, 4]);
  });
});
