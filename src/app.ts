// buildApp(deps): the Fastify instance. main.ts and the tests build exactly this.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import helmet from 'helmet';
import Fastify, { LogController, type FastifyInstance, type FastifySchema, type FastifyServerOptions, type preHandlerHookHandler } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import auth, { DOCS_PREFIX, isDocsRoute, resolveJwtSecret } from './http/auth.ts';
import idempotency from './http/idempotency.ts';
import unitOfWork from './http/unit-of-work.ts';
import { openapiInfo, openapiServers, openapiTags } from './http/openapi-info.ts';
import { ComponentSchemas } from './http/openapi-components.ts';
import { buildSerializer } from './http/serialization.ts';
import { validatorCompiler } from './http/validation.ts';
import { documentResponses, sharedResponseHeaders } from './http/openapi-responses.ts';
import { clientErrorHandler, errorHandler, Problem, problemBody, sendProblem } from './http/problems.ts';
import { observeRequests } from './http/observe-requests.ts';
import { plugin } from './http/plugin.ts';
import { ProblemSchema } from './http/schemas.ts';
import { apiModules } from './modules/index.ts';
import operations from './modules/operations/operations.routes.ts';
import pagesRoutes from './modules/public/pages.routes.ts';
import { setPasswordCost } from './modules/users/passwords.ts';
import { createBlobStore, type BlobStore } from './storage/blob-store.ts';
import webhookDelivery from './modules/webhooks/delivery.plugin.ts';
import { WebhookDispatcher, type DispatcherOptions } from './modules/webhooks/dispatcher.ts';
import { t } from './i18n/message.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  /** pino options, or false for silence (tests) */
  logger?: FastifyServerOptions['logger'];
  blobStore?: BlobStore;
  /** the webhook dispatcher's clock, sender, randomness and time-out (tests) */
  webhooks?: Pick<DispatcherOptions, 'clock' | 'send' | 'random' | 'timeoutMs'>;
}

/** One registered route, as the route-walk and authorization-matrix tests see it. */
export interface RouteEntry {
  method: string;
  url: string;
  permission: string | undefined;
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Required<Omit<AppDeps, 'logger' | 'webhooks'>>;
    /** every route registered on this app (HEAD twins of GET routes left out) */
    routeTable: RouteEntry[];
  }
}

const REQUEST_ID = /^[\w\-.:]{1,128}$/;
/** The security headers an API answer carries (the pages a browser renders carry all of helmet's). */
const API_SECURITY_HEADERS = new Set(['x-content-type-options', 'strict-transport-security', 'cross-origin-resource-policy', 'x-frame-options', 'referrer-policy']);

/** The headers helmet sets with these options, collected from one run against a stand-in response. */
function helmetHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)), removeHeader: () => {} };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return headers;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  setPasswordCost(config.passwordCost);
  const app = Fastify({
    logger: deps.logger ?? false,
    // one line per request (the onResponse hook below) instead of Fastify's two
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    // a slow client may hold a connection only so long: headers within headersTimeoutMs, the whole
    // request within requestTimeoutMs, checked every second (Node's default check is every 30 s)
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: 1_000 },
    requestTimeout: config.requestTimeoutMs,
    clientErrorHandler,
    // errors the router meets before a route runs (a malformed percent-encoding, a path parameter
    // longer than maxParamLength) bypass setErrorHandler: answered as problems too
    frameworkErrors: (error, request, reply) => {
      void errorHandler(error, request, reply);
    },
    trustProxy: proxyTrust(config.trustProxy),
    return503OnClosing: true,
    schemaController: { compilersFactory: { buildSerializer } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue; // Fastify's automatic twin of a GET route
      routeTable.push({ method, url: route.url, permission: route.config?.permission, schema: route.schema });
    }
  });
  app.decorate('deps', { config, database, blobStore: deps.blobStore ?? createBlobStore(config) });
  app.setValidatorCompiler(validatorCompiler());
  app.addSchema(ProblemSchema);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemBody(request, 'not_found', t`No route ${request.method} ${request.url.split('?')[0]}`)));
  // Ajv's type coercion turns "Infinity", "-Infinity" and "1e999" in a query string, path or header
  // into non-finite numbers and then skips minimum/maximum (ajv-validator/ajv#2212): refused here,
  // after validation, before any handler sees them. Only routes that coerce a part get the hook, and
  // only the parts the route coerces are looked at.
  // (The hooks on every request are plain callbacks, not async functions: each costs a promise less.)
  const nonFinite = (v: unknown) => (typeof v === 'number' ? !Number.isFinite(v) : Array.isArray(v) && v.some((x) => typeof x === 'number' && !Number.isFinite(x)));
  const refuseNonFinite: preHandlerHookHandler = (request, _reply, done) => {
    const schema = request.routeOptions.schema;
    // plain loops: this runs on most requests, and allocating per value showed in profiles
    for (const [part, values] of [['querystring', schema?.querystring && request.query], ['params', schema?.params && request.params], ['headers', schema?.headers && request.headers]] as const) {
      if (!values) continue;
      for (const name in values as Record<string, unknown>) {
        if (nonFinite((values as Record<string, unknown>)[name])) {
          return done(new Problem('validation_failed', t`${part}.${name} must be a finite number`, { errors: [{ path: `${part}.${name}`, message: t`must be a finite number` }] }));
        }
      }
    }
    done();
  };
  app.addHook('onRoute', (route) => {
    if (!route.schema?.querystring && !route.schema?.params && !route.schema?.headers) return;
    route.preHandler = [refuseNonFinite, ...[route.preHandler ?? []].flat()];
  });
  observeRequests(app);

  // Helmet's security headers. They do not depend on the request, so helmet runs once, here, and
  // each request copies its headers (the Fastify plugin runs all of helmet again for every request:
  // a tenth of the cost of a cached rankings page). The pages a browser renders (the results pages at
  // /hasil, the API reference at /docs) get all of them. An API answer (JSON, a CSV, a PDF) gets the
  // five that protect data a browser fetches or opens; the other six (COOP, Origin-Agent-Cluster,
  // X-DNS-Prefetch-Control, X-Download-Options, X-Permitted-Cross-Domain-Policies, X-XSS-Protection)
  // govern documents and old browsers, and would cost every API answer some 270 bytes.
  const documentHeaders = helmetHeaders({ contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'same-site' } });
  const apiHeaders = Object.fromEntries(Object.entries(documentHeaders).filter(([name]) => API_SECURITY_HEADERS.has(name)));
  // the request id goes out with them: set before any handler runs, it is on every answer, problems too
  app.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    reply.headers(route !== undefined && (route.startsWith('/hasil') || isDocsRoute(route)) ? documentHeaders : apiHeaders);
    reply.header('x-request-id', request.id);
    done();
  });
  await app.register(multipart, { limits: { files: 1, fields: 20, fileSize: Math.max(config.importMaxBytes, 50 * 1024 * 1024) } });
  const components = new ComponentSchemas();
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: openapiInfo,
      servers: openapiServers,
      tags: openapiTags,
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a JWT from POST /api/v1/auth/token, or an API key (kip_...)' } } },
      security: [{ bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transform: ({ schema, url, route }) => {
      const permission = route.config?.permission;
      // error statuses as problem+json, and the headers the route reads and sends (http/openapi-responses.ts)
      // named schemas become $refs to components (http/openapi-components.ts)
      const lift = (body: Record<string, unknown>) => components.lift(body) as Record<string, unknown>;
      const transformed = documentResponses(route.method as string, url, { ...schema } as Parameters<typeof documentResponses>[2], permission, lift) as Record<string, unknown>;
      if (permission === 'public') transformed.security = [];
      if (permission) transformed.description = [schema?.description, `Permission: \`${permission}\`.`].filter(Boolean).join('\n\n');
      return { schema: transformed, url };
    },
    transformObject: (documents) => {
      if (!('openapiObject' in documents)) return documents.swaggerObject;
      const doc = documents.openapiObject;
      // the named schemas the routes used, as components
      // and the headers every problem carries, declared once and referred to from each response
      doc.components = {
        ...doc.components,
        schemas: { ...doc.components?.schemas, ...components.schemas() },
        headers: sharedResponseHeaders((doc.paths ?? {}) as Record<string, Record<string, unknown>>),
      } as typeof doc.components;
      // a route whose schema says 'x-optional-body' accepts no body at all (it validates {} instead)
      for (const item of Object.values(doc.paths ?? {}) as Record<string, Record<string, unknown>>[]) {
        for (const op of Object.values(item)) {
          if (!op || typeof op !== 'object' || !('x-optional-body' in op)) continue;
          delete op['x-optional-body'];
          const body = op.requestBody as { required?: boolean } | undefined;
          if (body) body.required = false;
        }
      }
      return doc;
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, uiConfig: { deepLinking: true } });
  app.get('/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, () => app.swagger());

  await app.register(auth, { db: database.db, config, secret: await resolveJwtSecret(database.db, config.jwtSecret) });
  await app.register(idempotency, { db: database.db });
  // one dispatcher per instance; the unit of work wakes it when a commit wrote events
  const dispatcher = new WebhookDispatcher({ db: database.db, ...config.webhooks, ...deps.webhooks, log: app.log });
  await app.register(unitOfWork, { db: database.db, afterEvents: () => dispatcher.wake() });
  await app.register(webhookDelivery, { dispatcher, start: config.webhooks.delivery });
  await app.register(plugin(operations));
  // the public results pages are for people, not API clients: at /hasil, outside /api/v1
  await app.register(plugin(pagesRoutes));
  await app.register(async (api) => {
    for (const mod of apiModules) await api.register(plugin(mod));
  }, { prefix: '/api/v1' });
  return app;
}

/**
 * TRUST_PROXY as Fastify's trustProxy. A hop count is given as a function trusting the last N hops:
 * Fastify 5.12 reads a plain number as "trust nothing" (it cannot tell a proxy from a client that
 * connects directly), which would count every client as the proxy's address. So a hop count is for
 * a service only its proxies can reach; a list of proxy addresses holds either way.
 */
function proxyTrust(trust: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  if (trust === 0) return false;
  return (_address, hop) => hop < trust;
}
