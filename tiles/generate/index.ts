// `npm run tiles`: builds the demo county's offline basemap into tiles/build/ (demo.mbtiles and
// the glyph ranges under fonts/). Reads data/demo; run `npm run data` first if it is missing.
import { existsSync } from 'node:fs';
import { DEMO_FONTS_DIR, DEMO_INPUT_DIR, DEMO_MBTILES } from '../paths.ts';
import { buildBasemap } from './build.ts';

const started = Date.now();
const log = (line: string) => console.log(`[tiles] ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

if (!existsSync(DEMO_INPUT_DIR)) {
  console.error(`[tiles] ${DEMO_INPUT_DIR} is missing: run \`npm run data\` first`);
  process.exit(1);
}
log(`building the basemap of ${DEMO_INPUT_DIR}`);
buildBasemap({ inputDir: DEMO_INPUT_DIR, outPath: DEMO_MBTILES, fontsDir: DEMO_FONTS_DIR, log });
log('done');
