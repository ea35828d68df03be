// Admin actions. The server refuses every /admin path from a non-loopback peer before these
// run; here only the input is checked.

import { isIP } from 'node:net';
import type { MonitorSource } from './source';
import { Router } from './router';
import { badRequest, notFound } from './errors';
import { readJsonBody } from './http-io';

/** A week: longer bans belong in a firewall. */
export const MAX_BAN_SECONDS = 7 * 24 * 3600;

export function parseSessionId(raw: string): number {
  if (!/^[0-9]{1,15}$/.test(raw)) throw badRequest('session id must be a non-negative integer');
  return Number(raw);
}

export function parseBan(body: Record<string, unknown>): { ip: string; seconds: number } {
  const { ip, seconds } = body;
  if (typeof ip !== 'string' || isIP(ip) === 0) throw badRequest('ip must be an IPv4 or IPv6 address');
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_BAN_SECONDS) {
    throw badRequest(`seconds must be an integer from 1 to ${MAX_BAN_SECONDS}`);
  }
  return { ip, seconds };
}

export function addAdminRoutes(router: Router, source: MonitorSource): void {
  const admin = source.admin;
  router
    .add('/admin/bans', {
      GET: () => ({ body: admin.bans() }),
      POST: async ({ req }) => {
        const { ip, seconds } = parseBan(await readJsonBody(req));
        admin.ban(ip, seconds);
        return { status: 201, body: { ip, seconds } };
      },
    })
    .add('/admin/bans/:ip', {
      DELETE: ({ params }) => {
        if (isIP(params.ip) === 0) throw badRequest('not an IP address');
        if (!admin.unban(params.ip)) throw notFound(`${params.ip} is not banned`);
        return { body: { ip: params.ip, removed: true } };
      },
    })
    .add('/admin/sessions/:id/disconnect', {
      POST: ({ params }) => {
        const id = parseSessionId(params.id);
        if (!admin.disconnect(id)) throw notFound(`no session ${id}`);
        return { body: { id, disconnected: true } };
      },
    })
    .add('/admin/sessions/:id/extranonce', {
      POST: ({ params }) => {
        const id = parseSessionId(params.id);
        if (!admin.reassignExtranonce(id)) throw notFound(`no session ${id} that accepts a new extranonce`);
        return { body: { id, reassigned: true } };
      },
    });
}
