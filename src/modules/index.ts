// Every API area, registered under /api/v1. Add a module here when you add a folder.
import type { FastifyInstance } from 'fastify';
import adjustmentsRoutes from './adjustments/adjustments.routes.ts';
import apiKeysRoutes from './api-keys/api-keys.routes.ts';
import assessmentsRoutes from './assessments/assessments.routes.ts';
import auditRoutes from './audit/audit.routes.ts';
import authRoutes from './auth/auth.routes.ts';
import commissionsRoutes from './commissions/commissions.routes.ts';
import usersRoutes from './users/users.routes.ts';
import bodiesRoutes from './bodies/bodies.routes.ts';
import categoriesRoutes from './categories/categories.routes.ts';
import participantsRoutes from './participants/participants.routes.ts';
import periodsRoutes from './periods/periods.routes.ts';
import questionnairesRoutes from './questionnaires/questionnaires.routes.ts';
import publicRoutes from './public/public.routes.ts';
import resultsRoutes from './results/results.routes.ts';
import statisticsRoutes from './statistics/statistics.routes.ts';
import eventsRoutes from './events/events.routes.ts';
import webhooksRoutes from './webhooks/webhooks.routes.ts';

/** An area's routes; app.ts registers each as a plugin of its own (http/plugin.ts). */
export type RouteModule = (app: FastifyInstance) => void | Promise<void>;

export const apiModules: RouteModule[] = [
  authRoutes,
  commissionsRoutes,
  usersRoutes,
  apiKeysRoutes,
  auditRoutes,
  categoriesRoutes,
  bodiesRoutes,
  periodsRoutes,
  questionnairesRoutes,
  participantsRoutes,
  assessmentsRoutes,
  adjustmentsRoutes,
  resultsRoutes,
  statisticsRoutes,
  eventsRoutes,
  webhooksRoutes,
  publicRoutes,
];
