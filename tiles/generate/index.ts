// `npm run tiles`: builds the demo county's offline basemap into tiles/build/ (demo.mbtiles and
// the glyph ranges under fonts/). Reads data/demo; run `npm run data` first if it is missing.
// `npm run tiles -- --if-stale` does nothing when the archive was built from the current data
// (the start script runs it that way on every start).
import { existsSync } from 'node:fs';
import { DEMO_FONTS_DIR, DEMO_INPUT_DIR, DEMO_MBTILES } from '../paths.ts';
import { buildBasemap, isUpToDate } from './build.ts';

const started = Date.now();
const log = (line: string) => console.log(`[tiles] ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

if (!existsSync(DEMO_INPUT_DIR)) {
  console.error(`[tiles] ${DEMO_INPUT_DIR} is missing: run \`npm run data\` first`);
  process.exit(1);
}
const opts = { inputDir: DEMO_INPUT_DIR, outPath: DEMO_MBTILES, fontsDir: DEMO_FONTS_DIR };
if (process.argv.includes('--if-stale') && isUpToDate(opts)) {
  log(`${DEMO_MBTILES} is up to date with ${DEMO_INPUT_DIR}`);
} else {
  log(`building the basemap of ${DEMO_INPUT_DIR}`);
  buildBasemap({ ...opts, log });
  log('done');
}
