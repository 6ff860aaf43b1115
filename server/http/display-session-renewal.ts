// Renews a wall display's session cookie as the wall uses it (the rule is in
// auth/display-session.ts): one onSend hook, so every request the display session authenticated
// counts — heat.arrow each minute, /auth/me on start — whichever route answered it.
import type { FastifyInstance } from 'fastify';
import type { Access } from '../auth/access.ts';
import { renewDisplaySession } from '../auth/display-session.ts';
import { readCookie, SESSION_COOKIE, sessionCookie } from './cookies.ts';

/** Registers the renewal; call after the access guard (it reads the principal the guard set). */
export function registerDisplaySessionRenewal(app: FastifyInstance, access: Access): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const p = request.principal;
    // A reply that sets a cookie of its own (the link opened again: a new session) keeps it.
    if (p?.kind !== 'display' || !request.viaCookie || reply.hasHeader('set-cookie')) return payload;
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    const expiresAt = token === undefined ? undefined : renewDisplaySession(access, p);
    if (token !== undefined && expiresAt !== undefined) reply.header('set-cookie', sessionCookie(token, expiresAt, access.now(), request.protocol === 'https'));
    return payload;
  });
}
