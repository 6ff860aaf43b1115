// Keeps the tile archive open for the server and notices when it is rebuilt: `npm run tiles`
// renames a new file into place, so a changed modification time means reopen. A missing archive
// is not an error at start-up (the start script builds it); requests get a clear 503 until then.
import { statSync } from 'node:fs';
import { openMbtiles, type TileArchive } from './mbtiles-reader.ts';

export interface ArchiveSource {
  /** The open archive and a stamp that changes whenever the file does, or null when missing. */
  current(): { archive: TileArchive; stamp: string } | null;
  close(): void;
}

export function createArchiveSource(path: string): ArchiveSource {
  let open: { archive: TileArchive; stamp: string } | null = null;
  return {
    current() {
      let stamp: string;
      try {
        const st = statSync(path);
        stamp = `${st.mtimeMs.toString(36)}-${st.size.toString(36)}`;
      } catch {
        open?.archive.close();
        open = null;
        return null;
      }
      if (open?.stamp !== stamp) {
        open?.archive.close();
        open = { archive: openMbtiles(path), stamp };
      }
      return open;
    },
    close() {
      open?.archive.close();
      open = null;
    },
  };
}
