/**
 * Bearer-token access. Writes (POST /api/ingest) need `Authorization: Bearer $PARLEY_TOKEN`; with no token configured
 * they are refused outright (403), so a server never accepts writes by accident. Reads are open when the server
 * listens on loopback; bound to another address they need the token too, unless the operator opens them (`--public`).
 */
import { timingSafeEqual, createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "./errors.js";

/** Hashing both sides first makes the comparison constant-time whatever the lengths. */
const digest = (s: string) => createHash("sha256").update(s).digest();
export const sameToken = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  const m = h ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(h) : null;
  return m ? m[1]! : null;
}

export function requireToken(token: string | undefined, action: string) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!token) throw new ApiError(403, `${action} is disabled: start the server with PARLEY_TOKEN set to allow it`);
    const given = bearer(req);
    if (!given || !sameToken(given, token)) {
      reply.header("www-authenticate", 'Bearer realm="parley"');
      throw new ApiError(401, given ? "the bearer token is wrong" : `${action} needs the header "Authorization: Bearer <PARLEY_TOKEN>"`);
    }
  };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;
export const isLoopback = (host: string) => LOOPBACK.test(host);
