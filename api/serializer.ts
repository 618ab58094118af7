/**
 * Response serialization compiled from each route's zod schema. The schema stays the single source of
 * types, validation and the OpenAPI document; for writing responses it is turned once into JSON Schema
 * (zod's own converter, the output side, as the OpenAPI document shows it) and compiled by
 * fast-json-stringify, Fastify's own serializer, into a function that writes the declared fields only.
 *
 * The zod type provider's serializer validated every response at run time before writing it with
 * JSON.stringify: for a search answer (tens of kilobytes of agencies, evidence and highlights) that
 * check cost more than writing it. Handlers are typed against the same schemas, and the API tests and
 * Schemathesis check responses against the OpenAPI document.
 */
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import build from 'fast-json-stringify';
import { z } from 'zod';

type Serializer = (data: unknown) => string;

/** One compiled serializer per schema object: routes share schemas (Problem, pages). */
const compiled = new WeakMap<z.ZodType, Serializer>();

export const compiledSerializer: FastifySerializerCompiler<z.ZodType> = ({ schema, method, url }) => {
  let serialize = compiled.get(schema);
  if (!serialize) {
    try {
      const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' });
      serialize = build(json as Parameters<typeof build>[0]) as Serializer;
    } catch (error) {
      throw new Error(
        `response schema of ${method} ${url} cannot be compiled: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    compiled.set(schema, serialize);
  }
  return serialize;
};
