import { describe, expect, it } from 'vitest';
import { basemapConfigFromEnv, BasemapConfigError } from './basemap-config.ts';

const DEMO = 'tiles/build/demo.mbtiles';

describe('basemapConfigFromEnv', () => {
  it('defaults to the demo archive and no online source', () => {
    expect(basemapConfigFromEnv({}, DEMO)).toEqual({ mbtilesPath: DEMO });
  });

  it('takes a county\'s own archive', () => {
    expect(basemapConfigFromEnv({ BASEMAP_MBTILES: '/srv/taizhou.mbtiles' }, DEMO)).toEqual({ mbtilesPath: '/srv/taizhou.mbtiles' });
  });

  it('takes a GCJ-02 raster source with its attribution, stacking several URLs bottom first', () => {
    const cfg = basemapConfigFromEnv(
      {
        BASEMAP_RASTER_URL: 'https://a.example.cn/vec/{z}/{x}/{y}.png  https://a.example.cn/cva/{z}/{x}/{y}.png',
        BASEMAP_CRS: 'GCJ02',
        BASEMAP_ATTRIBUTION: '© 高德地图',
      },
      DEMO,
    );
    expect(cfg.raster).toEqual({
      urls: ['https://a.example.cn/vec/{z}/{x}/{y}.png', 'https://a.example.cn/cva/{z}/{x}/{y}.png'],
      crs: 'gcj02',
      attribution: '© 高德地图',
    });
  });

  it.each([
    [{ BASEMAP_CRS: 'bd09' }, /BASEMAP_CRS/],
    [{ BASEMAP_CRS: 'gcj02' }, /only with BASEMAP_RASTER_URL/],
    [{ BASEMAP_RASTER_URL: 'https://t.example.cn/tile.png', BASEMAP_ATTRIBUTION: 'x' }, /\{z\}/],
    [{ BASEMAP_RASTER_URL: 'ftp://t.example.cn/{z}/{x}/{y}', BASEMAP_ATTRIBUTION: 'x' }, /http/],
    [{ BASEMAP_RASTER_URL: 'https://t.example.cn/{z}/{x}/{y}.png' }, /BASEMAP_ATTRIBUTION is required/],
  ])('rejects %o with a message naming the problem', (env, message) => {
    expect(() => basemapConfigFromEnv(env, DEMO)).toThrow(BasemapConfigError);
    expect(() => basemapConfigFromEnv(env, DEMO)).toThrow(message);
  });
});
