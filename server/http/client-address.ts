// The client's address as TRUST_PROXY defines it, for requests that do not pass through fastify
// (the live channel's Socket.IO handshake): the same rule, and the same library (@fastify/proxy-addr),
// as fastify's request.ip, so the audit log names one address for one client on both paths.
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/** Returns the client's address of a raw Node request under the TRUST_PROXY setting. */
export function clientAddressOf(trustProxy: boolean | readonly string[]): (req: IncomingMessage) => string | null {
  const trust = typeof trustProxy === 'boolean' ? () => trustProxy : proxyAddr.compile([...trustProxy]);
  return (req) => (req.socket.remoteAddress === undefined ? null : proxyAddr(req, trust));
}
