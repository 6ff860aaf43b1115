// Exports (incidents, the audit log) as streams. The rows come from the store a page at a time and
// are encoded and handed to the socket as the client takes them (backpressure), so an export of a
// year holds one page in memory, not the year, and the event loop serves other requests between
// pages. A range is capped, so one request cannot ask the server to read its whole history.
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from '../auth/access.ts';
import { actorOf } from '../auth/principal.ts';
import { csvHead, csvLine } from './csv.ts';
import { HttpError } from './errors.ts';

const DAY_MS = 86_400_000;

/** Longest time range one export may span. */
export const EXPORT_MAX_RANGE_DAYS = 366;
/** An export without since starts this many days before its end. */
export const EXPORT_DEFAULT_RANGE_DAYS = 30;

/** An export's time range in ms: [sinceMs, endMs), endMs being until or, without it, now. */
export interface ExportRange {
  sinceMs: number;
  endMs: number;
}

/**
 * The range of an export query: since defaults to 30 days before the end, until to now. A range
 * that is empty or longer than EXPORT_MAX_RANGE_DAYS is a 400 naming `since`.
 */
export function exportRange(q: { since?: string | undefined; until?: string | undefined }, nowMs: number): ExportRange {
  const endMs = q.until !== undefined ? Date.parse(q.until) : nowMs;
  const sinceMs = q.since !== undefined ? Date.parse(q.since) : Math.min(endMs, nowMs) - EXPORT_DEFAULT_RANGE_DAYS * DAY_MS;
  const end = q.until !== undefined ? 'until' : 'now (until omitted)';
  if (!(sinceMs < endMs)) throw new HttpError(400, `since must be before ${end}`, 'since');
  if (endMs - sinceMs > EXPORT_MAX_RANGE_DAYS * DAY_MS) {
    throw new HttpError(400, `an export spans at most ${EXPORT_MAX_RANGE_DAYS} days: since must be at most ${EXPORT_MAX_RANGE_DAYS} days before ${end}; export a longer history in several requests`, 'since');
  }
  return { sinceMs, endMs };
}

/** How rows are written: a head (CSV: byte order mark and header), then one line per row. */
export interface ExportFormat<T> {
  contentType: string;
  head: string;
  line(row: T): string;
}

/** One JSON object per line. */
export function ndjsonFormat<T>(): ExportFormat<T> {
  return { contentType: 'application/x-ndjson; charset=utf-8', head: '', line: (row) => `${JSON.stringify(row)}\n` };
}

/** CSV with a header of `columns` and a record of `values(row)` per row. */
export function csvFormat<T>(columns: readonly string[], values: (row: T) => readonly unknown[]): ExportFormat<T> {
  return { contentType: 'text/csv; charset=utf-8', head: csvHead(columns), line: (row) => csvLine(values(row)) };
}

/** How an export ended: the rows written to the response, and whether the range was read to its end (false: the client went away, or a read failed). */
export interface ExportOutcome {
  rows: number;
  complete: boolean;
}

/**
 * The export as a byte stream, one chunk per page. The pages are pulled one at a time as the client
 * reads; when the client goes away the stream is destroyed and the pages' iterator returned, so
 * no further page is read. `onEnd` hears the outcome once.
 */
export function exportStream<T>(format: ExportFormat<T>, pages: AsyncIterable<T[]>, onEnd: (outcome: ExportOutcome) => void): Readable {
  let rows = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    if (format.head) yield Buffer.from(format.head);
    for await (const page of pages) {
      let text = '';
      for (const row of page) text += format.line(row);
      rows += page.length;
      yield Buffer.from(text);
    }
  }
  const stream = Readable.from(chunks(), { objectMode: false, highWaterMark: 1 });
  // 'end' comes before the response finishes, so the outcome is on record when the client has it.
  let ended = false;
  stream.once('end', () => {
    ended = true;
    onEnd({ rows, complete: true });
  });
  stream.once('close', () => {
    if (!ended) onEnd({ rows, complete: false });
  });
  return stream;
}

/**
 * Streams an export as an attachment named `filename`; never cached (it is a copy of the records).
 * `pages` gets a signal aborted when the connection closes: a page source checks it before each
 * read, so a read between pages does not start for a client that has gone.
 */
export function sendExport<T>(reply: FastifyReply, filename: string, format: ExportFormat<T>, pages: (gone: AbortSignal) => AsyncIterable<T[]>, onEnd: (outcome: ExportOutcome) => void): FastifyReply {
  const gone = new AbortController();
  reply.raw.once('close', () => gone.abort());
  reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'private, no-store').type(format.contentType);
  return reply.send(exportStream(format, pages(gone.signal), onEnd));
}

/**
 * The audit entry of an export's end (`action`, with the seq of the entry of its start): the rows
 * written and whether it was complete. The server may be closing, the audit database with it: the
 * start is on record, so a failure here is only logged.
 */
export function recordExportEnd(access: Access, request: FastifyRequest, action: string, exportSeq: number): (outcome: ExportOutcome) => void {
  return ({ rows, complete }) => {
    try {
      access.audit.append({ actor: actorOf(request.principal), action, details: { exportSeq, rows, complete }, ip: request.ip });
    } catch (err) {
      request.log.error({ err }, 'could not record the end of an export in the audit log');
    }
  };
}
