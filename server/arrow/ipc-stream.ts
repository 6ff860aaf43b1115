// Record batches → an Arrow IPC stream as a Node Readable, one chunk per batch. The batches are
// pulled only as the client reads (backpressure), and the event loop gets a turn between batches,
// so a month of history neither piles up in memory nor holds up the commits of live ingest.
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AsyncByteQueue, RecordBatchStreamWriter, type RecordBatch, type Schema } from 'apache-arrow';

/** The writer's sink: keeps what it is given until taken, instead of queueing for an async reader. */
class Collector extends AsyncByteQueue {
  private parts: Uint8Array[] = [];
  override write(value: Uint8Array): void {
    this.parts.push(value);
  }
  take(): Buffer {
    const out = Buffer.concat(this.parts);
    this.parts = [];
    return out;
  }
}

/** An IPC stream of `schema` followed by the batches (each with that same schema) and the end marker. */
export function ipcStream(schema: Schema, batches: AsyncIterable<RecordBatch> | Iterable<RecordBatch>): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    const sink = new Collector();
    const writer = new RecordBatchStreamWriter();
    writer.reset(sink, schema);
    yield sink.take();
    for await (const batch of batches) {
      writer.write(batch);
      yield sink.take();
      await nextTurn();
    }
    writer.finish();
    yield sink.take();
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 1 });
}
