// Admin API (access: manage): accounts, display links and API keys. Secrets — a generated
// password, a display link's URL, an API key — appear in exactly one answer, never again.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access } from '../auth/access.ts';
import * as admin from '../auth/admin.ts';
import type { Admin } from '../auth/admin.ts';
import type { DisplayLink } from '../auth/display-links.ts';
import { actorOf } from '../auth/principal.ts';
import {
  accountPatchSchema,
  idParamSchema,
  keyIdParamSchema,
  newAccountSchema,
  newApiKeySchema,
  newDisplayLinkSchema,
  parseBody,
} from './access-schemas.ts';
import { HttpError } from './errors.ts';
import { parseQuery } from './queries.ts';

const MANAGE = { config: { access: 'manage' as const } };

/** The admin making the request (the guard has checked the role). */
function adminOf(request: FastifyRequest): Admin {
  const p = request.principal;
  if (!p || p.kind !== 'account') throw new HttpError(403, 'only an admin account manages access');
  return { actor: actorOf(p), scopeCode: p.scope.code, accountId: p.accountId, ip: request.ip };
}

/** A display link as listed (expiry as ISO text). */
const linkView = (l: DisplayLink) => ({ ...l, expiresAt: l.expiresAt === null ? null : new Date(l.expiresAt).toISOString() });

export function registerAdminRoutes(api: FastifyInstance, access: Access): void {
  api.get('/accounts', MANAGE, async (request) => ({ accounts: admin.listAccounts(access, adminOf(request)) }));

  api.post('/accounts', MANAGE, async (request, reply) => {
    const body = parseBody(newAccountSchema, request.body);
    const created = await admin.createAccount(access, adminOf(request), body);
    return reply.code(201).send(created);
  });

  api.patch('/accounts/:id', MANAGE, async (request) => {
    const { id } = parseQuery(idParamSchema, request.params);
    return admin.updateAccount(access, adminOf(request), id, parseBody(accountPatchSchema, request.body));
  });

  api.delete('/accounts/:id', MANAGE, async (request, reply) => {
    const { id } = parseQuery(idParamSchema, request.params);
    admin.deleteAccount(access, adminOf(request), id);
    return reply.code(204).send();
  });

  api.get('/display-links', MANAGE, async (request) => ({ displayLinks: admin.listDisplayLinks(access, adminOf(request)).map(linkView) }));

  api.post('/display-links', MANAGE, async (request, reply) => {
    const body = parseBody(newDisplayLinkSchema, request.body);
    const { link, token } = admin.createDisplayLink(access, adminOf(request), body);
    return reply.code(201).send({ displayLink: linkView(link), token, url: `/display/${token}`, altUrl: `/?display=${token}` });
  });

  api.delete('/display-links/:id', MANAGE, async (request) => {
    const { id } = parseQuery(idParamSchema, request.params);
    return { displayLink: linkView(admin.revokeDisplayLink(access, adminOf(request), id)) };
  });

  api.get('/api-keys', MANAGE, async (request) => ({ apiKeys: admin.listApiKeys(access, adminOf(request)) }));

  api.post('/api-keys', MANAGE, async (request, reply) => {
    const body = parseBody(newApiKeySchema, request.body);
    const issued = admin.issueApiKey(access, adminOf(request), body.source, body.label ?? body.source);
    return reply.code(201).send(issued);
  });

  api.delete('/api-keys/:id', MANAGE, async (request) => {
    const { id } = parseQuery(keyIdParamSchema, request.params);
    return { apiKey: admin.revokeApiKey(access, adminOf(request), id) };
  });
}
