// Every API area, registered under /api/v1. Add a module here when you add a folder.
import type { FastifyPluginAsync } from 'fastify';
import authRoutes from './auth/auth.routes.ts';

export const apiModules: FastifyPluginAsync[] = [
  authRoutes,
];
