// The server's version, from package.json (one source of truth for health, hello and OpenAPI).
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
