// Where the demo basemap is read from and built to, relative to the repository root.
import { fileURLToPath } from 'node:url';

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

/** The demo jurisdiction the basemap is drawn from. */
export const DEMO_INPUT_DIR = root('data/demo');
/** The built vector-tile archive (gitignored; `npm run tiles` makes it). */
export const DEMO_MBTILES = root('tiles/build/demo.mbtiles');
/** The built glyph ranges (gitignored; `npm run tiles` makes them). */
export const DEMO_FONTS_DIR = root('tiles/build/fonts');
/** The MapLibre styles (committed). */
export const STYLES_DIR = root('tiles/styles');
