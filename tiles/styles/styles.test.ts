import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { LAYER_FIELDS, LAYER_NAMES } from '../generate/layers.ts';
import { FONTSTACKS } from '../glyphs/make-glyphs.ts';
import { STYLES_DIR } from '../paths.ts';
import { makeOmtStyle } from './make-style-omt.ts';
import { makeStyle } from './make-style.ts';
import { THEMES } from './palette.ts';

const load = (theme: string) => JSON.parse(readFileSync(join(STYLES_DIR, `${theme}.json`), 'utf8')) as StyleSpecification;

/** Every string value anywhere in a JSON document. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

describe.each(THEMES)('the %s style', (theme) => {
  const style = load(theme);

  it('is a valid MapLibre v8 style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('is exactly what make-style.ts generates (run tiles/styles/write-styles.ts after edits)', () => {
    expect(style).toEqual(JSON.parse(JSON.stringify(makeStyle(theme))));
  });

  it('references only paths on the serving host, never another host', () => {
    const urls = strings(style).filter((s) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('//'));
    expect(urls).toEqual([]);
    expect(style.glyphs).toMatch(/^\/tiles\/fonts\/\{fontstack\}\/\{range\}\.pbf$/);
    expect(style.sources.basemap).toEqual({ type: 'vector', url: '/tiles/tilejson.json' });
    expect(style.sprite).toBeUndefined();
  });

  it('draws only layers the tiles have, and labels only with fontstacks the glyph build makes', () => {
    const stacks = new Set<string>(FONTSTACKS.map((f) => f.name));
    for (const layer of style.layers) {
      if (!('source-layer' in layer)) continue;
      expect(LAYER_NAMES).toContain(layer['source-layer']);
      const fields = Object.keys(LAYER_FIELDS[layer['source-layer'] as (typeof LAYER_NAMES)[number]]);
      for (const s of strings(layer.filter ?? [])) {
        if (['==', '!=', 'get', 'geometry-type', 'all', 'any', 'match'].includes(s)) continue;
        if (/^[a-z-]+$/.test(s) && !['Polygon', 'LineString'].includes(s)) {
          // a property name or one of its values: it must be a declared field or a known value
          const known = fields.includes(s) || strings(LAYER_FIELDS).some((d) => d.split(' | ').includes(s));
          expect(known, `${layer.id}: ${s}`).toBe(true);
        }
      }
      if (layer.type === 'symbol') {
        for (const font of (layer.layout?.['text-font'] as string[] | undefined) ?? []) expect(stacks.has(font)).toBe(true);
        expect(layer.layout?.['text-field']).toEqual(['get', 'name']);
      }
    }
  });

  it('has roads of every class, water, land use, boundaries and place labels', () => {
    const ids = style.layers.map((l) => l.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'road-arterial',
        'road-street',
        'road-rural',
        'water-area',
        'water-line',
        'landuse-built-up',
        'landuse-farmland',
        'landuse-park',
        'boundary-county',
        'boundary-township',
        'boundary-village',
        'place-township',
        'place-village',
      ]),
    );
  });
});

it('gives the two themes different colours', () => {
  const bg = (s: StyleSpecification) => s.layers.find((l) => l.type === 'background')?.paint;
  expect(bg(load('day'))).not.toEqual(bg(load('dark')));
});

describe.each(THEMES)('the %s style for a county\'s own OpenMapTiles archive', (theme) => {
  const style = load(`${theme}.openmaptiles`);

  it('is valid, generated, and references only serving-host paths and built fontstacks', () => {
    expect(validateStyleMin(style)).toEqual([]);
    expect(style).toEqual(JSON.parse(JSON.stringify(makeOmtStyle(theme))));
    expect(strings(style).filter((s) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('//'))).toEqual([]);
    const stacks = new Set<string>(FONTSTACKS.map((f) => f.name));
    for (const layer of style.layers) {
      if (layer.type !== 'symbol') continue;
      for (const font of (layer.layout?.['text-font'] as string[] | undefined) ?? []) expect(stacks.has(font)).toBe(true);
    }
  });

  it('draws the OpenMapTiles layers: roads, water, land cover, boundaries and places', () => {
    const used = new Set(style.layers.flatMap((l) => ('source-layer' in l ? [l['source-layer']] : [])));
    for (const l of ['transportation', 'water', 'waterway', 'landcover', 'landuse', 'boundary', 'place', 'transportation_name']) {
      expect(used.has(l), l).toBe(true);
    }
  });
});
