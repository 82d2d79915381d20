// Placeholder replaced below.
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../runtime/context.ts';
export function registerIntakeRoutes(_app: FastifyInstance, _ctx: Ctx): void {}
