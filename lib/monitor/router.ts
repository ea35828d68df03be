// A tiny path router: '/api/workers/:name' style patterns, one handler per method, 405 with
// an Allow header when the path matches but the method doesn't.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeSegment } from './http-io';
import { methodNotAllowed } from './errors';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
}

/** A JSON reply, or 'handled' when the handler wrote the response itself. */
export type RouteResult = { status?: number; body: unknown } | 'handled';
export type RouteHandler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

interface Route {
  segments: string[];
  handlers: Partial<Record<string, RouteHandler>>;
}

export interface RouteMatch {
  handler: RouteHandler;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: Route[] = [];

  add(pattern: string, handlers: Partial<Record<string, RouteHandler>>): this {
    const withHead = { ...handlers };
    if (withHead.GET !== undefined && withHead.HEAD === undefined) withHead.HEAD = withHead.GET;
    this.routes.push({ segments: split(pattern), handlers: withHead });
    return this;
  }

  /** undefined when no pattern matches; throws 405 when only the method is wrong. */
  match(method: string, pathname: string): RouteMatch | undefined {
    const parts = split(pathname);
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (params === undefined) continue;
      const handler = route.handlers[method];
      if (handler === undefined) throw methodNotAllowed(Object.keys(route.handlers));
      return { handler, params };
    }
    return undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = decodeSegment(parts[i]);
    else if (pattern[i] !== parts[i]) return undefined;
  }
  return params;
}
