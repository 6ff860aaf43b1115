// Serves the built single-page app (dist/web) and answers unknown paths: the app's own pages
// (server/wire/pages.ts) get index.html so client-side routes survive a reload; every other path —
// an API path, a missing file, /.env, /wp-login.php, /x/../etc/passwd — gets a JSON 404.
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppPage } from '../wire/pages.ts';
import { pathOf } from './request-path.ts';
import { errorBody } from './errors.ts';
import { declareRoutesOf } from './route-declarations.ts';
import { API_PREFIX } from './routes.ts';

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>一张图 Yizhangtu</title>
<p>The web app is not built yet: run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API is up: <a href="${API_PREFIX}/openapi.json">${API_PREFIX}/openapi.json</a></p>`;

/** Registers static serving of `webDir` (when it holds a build) and the not-found handling. */
export function registerSpa(app: FastifyInstance, webDir: string): void {
  const indexFile = path.join(webDir, 'index.html');
  const built = existsSync(indexFile);

  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const url = pathOf(request);
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !isAppPage(url)) {
      return reply.code(404).send(errorBody(404, `no route ${request.method} ${url}`));
    }
    if (!built) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    // Streamed from disk (a new build is served without a restart); the static plugin lives in its
    // own scope, so its reply.sendFile is not this one's.
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(createReadStream(indexFile));
  };

  if (built) {
    // The files of the build are public; the plugin's routes get that declaration here.
    app.register(async (files) => {
      declareRoutesOf(files, 'public');
      // @fastify/static refuses a path not in canonical form (dot segments, doubled slashes) with
      // 403: such a path names no file, so it is a 404 like any other.
      files.setErrorHandler((err: FastifyError, request, reply) => {
        if (err.statusCode === 403) return notFound(request, reply);
        throw err;
      });
      await files.register(fastifyStatic, {
        root: webDir,
        // A build holds no dotfiles; one that is there (.env beside the build?) is not served.
        dotfiles: 'ignore',
        // index.html must be revalidated so a new build is picked up; hashed assets never change.
        setHeaders(reply, filePath) {
          const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
          reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
        cacheControl: false,
      });
    });
  }

  // A path no route matches is answered before its body is read: with a body that does not parse,
  // it is still a 404 (not a 400 that tells a prober the path is worth a better body).
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.is404) return done();
    notFound(request, reply);
  });
  // Also for the static files' "no such file".
  app.setNotFoundHandler(notFound);
}
