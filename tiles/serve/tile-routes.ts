// Serves the offline basemap under /tiles: vector tiles from the MBTiles archive (stored gzip
// passed through untouched), the TileJSON, the day/dark styles and the glyph ranges. Every URL
// handed to the browser points at the host the browser used, so nothing is fetched from
// anywhere else (unless a deployment opts into an online raster basemap).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STYLE_ATTRIBUTION_KEY } from '../crs/display.ts';
import { FONTSTACKS } from '../glyphs/make-glyphs.ts';
import { OMT_MARKER_LAYER } from '../styles/make-style-omt.ts';
import { THEMES, type Theme } from '../styles/palette.ts';
import { createArchiveSource } from './archive-source.ts';
import type { RasterBasemap } from './basemap-config.ts';
import { absolutizeStyle, rasterStyle, readStyleFile } from './served-style.ts';

export interface TileRoutesOptions {
  /** The vector-tile archive: tiles/build/demo.mbtiles, or a county's own (BASEMAP_MBTILES). */
  mbtilesPath: string;
  /** Directory holding day.json, dark.json and their .openmaptiles variants (tiles/styles). */
  stylesDir: string;
  /** Glyph ranges (<fontsDir>/<fontstack>/<range>.pbf); default: `fonts` beside the demo archive. */
  fontsDir?: string;
  /** An online raster basemap the styles draw instead of the vector tiles (opt-in). */
  raster?: RasterBasemap;
}

// Tiles change only when the basemap is rebuilt; the ETag (archive stamp) catches that.
const TILE_CACHE = 'public, max-age=3600';
const GLYPH_CACHE = 'public, max-age=86400';
const MAX_ZOOM = 24;

/** `http(s)://host[:port]` the request came in on, or null if the Host header is malformed. */
function requestOrigin(req: FastifyRequest): string | null {
  const host = req.host;
  return /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? `${req.protocol}://${host}` : null;
}

function acceptsGzip(req: FastifyRequest): boolean {
  return /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));
}

const isGzip = (b: Buffer) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Integer path segment in [0, max], or null. */
function coord(s: string, max: number): number | null {
  if (!/^\d{1,8}$/.test(s)) return null;
  const n = Number(s);
  return n <= max ? n : null;
}

/** Fastify plugin serving the basemap under /tiles; register with app.register(tileRoutes, opts). */
export async function tileRoutes(app: FastifyInstance, opts: TileRoutesOptions): Promise<void> {
  const archive = createArchiveSource(opts.mbtilesPath);
  const fontsDir = resolve(opts.fontsDir ?? join(dirname(opts.mbtilesPath), 'fonts'));
  const glyphCache = new Map<string, { raw: Buffer; gz: Buffer }>();
  app.addHook('onClose', async () => archive.close());

  const notBuilt = (reply: FastifyReply) =>
    reply.code(503).send({ error: 'basemap tiles are not built yet', hint: 'run `npm run tiles`', path: opts.mbtilesPath });

  // The basemap is public: the login page shows it, and it holds nothing of the jurisdiction's.
  const open = { config: { access: 'public' as const } };

  app.get<{ Params: { z: string; x: string; file: string } }>('/tiles/:z/:x/:file', open, async (req, reply) => {
    const z = coord(req.params.z, MAX_ZOOM);
    const file = /^(\d{1,8})\.pbf$/.exec(req.params.file);
    const x = z === null ? null : coord(req.params.x, 2 ** z - 1);
    const y = z === null || !file?.[1] ? null : coord(file[1], 2 ** z - 1);
    if (z === null || x === null || y === null) {
      return reply.code(400).send({ error: 'bad tile coordinates', expected: `/tiles/{z}/{x}/{y}.pbf with 0 <= z <= ${MAX_ZOOM}, 0 <= x, y < 2^z` });
    }
    const cur = archive.current();
    if (!cur) return notBuilt(reply);
    const etag = `"${cur.stamp}"`;
    reply.header('Cache-Control', TILE_CACHE).header('ETag', etag).header('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    const data = cur.archive.tile(z, x, y);
    if (!data || data.length === 0) return reply.code(204).send();
    reply.type('application/vnd.mapbox-vector-tile');
    if (!isGzip(data)) return reply.send(data);
    if (acceptsGzip(req)) return reply.header('Content-Encoding', 'gzip').send(data);
    return reply.send(gunzipSync(data));
  });

  app.get('/tiles/tilejson.json', open, async (req, reply) => {
    const origin = requestOrigin(req);
    if (!origin) return reply.code(400).send({ error: 'malformed Host header' });
    const cur = archive.current();
    if (!cur) return notBuilt(reply);
    const { info } = cur.archive;
    return reply
      .header('Cache-Control', 'no-cache')
      .header('Vary', 'Host')
      .send({
        tilejson: '3.0.0',
        name: info.name,
        attribution: info.attribution,
        scheme: 'xyz',
        tiles: [`${origin}/tiles/{z}/{x}/{y}.pbf`],
        minzoom: info.minzoom,
        maxzoom: info.maxzoom,
        bounds: info.bounds,
        center: info.center,
        vector_layers: info.vector_layers,
      });
  });

  app.get<{ Params: { file: string } }>('/tiles/styles/:file', open, async (req, reply) => {
    const theme = /^([a-z]+)\.json$/.exec(req.params.file)?.[1] as Theme | undefined;
    if (!theme || !THEMES.includes(theme)) {
      return reply.code(404).send({ error: 'no such style', styles: THEMES.map((t) => `/tiles/styles/${t}.json`) });
    }
    const origin = requestOrigin(req);
    if (!origin) return reply.code(400).send({ error: 'malformed Host header' });
    let style;
    if (opts.raster) style = rasterStyle(theme, opts.raster);
    else {
      // A county's own archive from planetiler/tilemaker uses the OpenMapTiles schema.
      const info = archive.current()?.archive.info;
      const omt = info?.vector_layers.some((l) => (l as { id?: unknown }).id === OMT_MARKER_LAYER);
      style = readStyleFile(opts.stylesDir, omt ? `${theme}.openmaptiles` : theme);
      if (info?.attribution) style = { ...style, metadata: { ...(style.metadata as object), [STYLE_ATTRIBUTION_KEY]: info.attribution } };
    }
    return reply.header('Cache-Control', 'no-cache').header('Vary', 'Host').send(absolutizeStyle(style, origin));
  });

  app.get<{ Params: { fontstack: string; range: string } }>('/tiles/fonts/:fontstack/:range', open, async (req, reply) => {
    const m = /^(\d{1,7})-(\d{1,7})\.pbf$/.exec(req.params.range);
    const start = Number(m?.[1]);
    if (!m || start % 256 !== 0 || Number(m[2]) !== start + 255 || start > 0xffff) {
      return reply.code(400).send({ error: 'bad glyph range', expected: '{start}-{start+255}.pbf, start a multiple of 256' });
    }
    // A fontstack is a comma-separated preference list; the first one built wins, else our regular face.
    const names = [...req.params.fontstack.split(',').map((s) => s.trim()), FONTSTACKS[0].name];
    for (const name of names) {
      const path = resolve(fontsDir, name, `${start}-${start + 255}.pbf`);
      if (!path.startsWith(fontsDir + sep) || !existsSync(path)) continue;
      let cached = glyphCache.get(path);
      if (!cached) {
        const raw = readFileSync(path);
        cached = { raw, gz: gzipSync(raw) };
        glyphCache.set(path, cached);
      }
      reply.type('application/x-protobuf').header('Cache-Control', GLYPH_CACHE).header('Vary', 'Accept-Encoding');
      return acceptsGzip(req) ? reply.header('Content-Encoding', 'gzip').send(cached.gz) : reply.send(cached.raw);
    }
    return reply.code(404).send({ error: 'glyph range not built', hint: 'run `npm run tiles`' });
  });
}
