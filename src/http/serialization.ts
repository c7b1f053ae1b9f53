// Response serializers (fast-json-stringify), compiled once per process and shape. Every operation
// declares the same Problem for each of its error statuses, and compiling is the costliest part of
// building the app: 350 ms of its 600 ms, paid again by every app the process builds (the test suite
// builds one per file).
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type BuildSerializer = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']>;
type Serializer = (data: unknown) => string;

const fastJsonStringify = SerializerSelector();
const compiled = new Map<string, Serializer>();

export const buildSerializer: BuildSerializer = (externalSchemas, serializerOpts) => {
  const compile = fastJsonStringify(externalSchemas, serializerOpts);
  const context = JSON.stringify([externalSchemas, serializerOpts]);
  return (route) => {
    const key = `${context} ${JSON.stringify(route.schema)}`;
    let serialize = compiled.get(key);
    if (!serialize) compiled.set(key, serialize = compile(route) as Serializer);
    return serialize;
  };
};
