import { isDeepStrictEqual } from 'node:util'
import fastJson from 'fast-json-stringify'
import type { FastifySerializerCompiler } from 'fastify/types/schema.js'
import { ResponseSerializationError } from 'fastify-type-provider-zod'
import { type ZodType, z } from 'zod'

// Responses are written by fast-json-stringify (Fastify's own serializer), compiled from
// the JSON Schema of each route's zod response schema: the same schema the API docs show.
// Encoding a 50-row list page with zod and then JSON.stringify cost ~0.25 ms and most of
// the request's garbage; this is a few times faster and also writes only the schema's
// properties.
//
// With `check` (the test suites), every response is also encoded by zod as before: it
// must pass the schema, and both serializers must write the same JSON values, so a schema
// fast-json-stringify reads differently from zod fails a test instead of a user.

type Json = Record<string, unknown>

/**
 * The JSON Schema as fast-json-stringify reads it fastest and the way zod writes:
 * - `X | null` (zod: `anyOf: [X, {type: 'null'}]`) becomes `type: [X's type, 'null']`, with a
 *   referenced X inlined: fast-json-stringify then picks by typeof instead of validating
 *   each value against every branch with ajv;
 * - no `additionalProperties: false`, formats, patterns or bounds: they only validate, zod
 *   leaves out unknown properties rather than failing, and fast-json-stringify writes only
 *   the schema's properties anyway; in a real union (which it resolves with ajv) they
 *   could reject a value zod accepts. Types, `enum`, `const` and `required` still pick the
 *   branch.
 */
const CHECKS_ONLY = new Set([
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
])

const MAPS = new Set(['properties', 'definitions', '$defs', 'patternProperties'])

function simplify(root: Json): Json {
  const definitions = (root.definitions ?? {}) as Record<string, Json>
  const resolve = (s: Json): Json =>
    typeof s.$ref === 'string' && s.$ref.startsWith('#/definitions/')
      ? resolve(definitions[s.$ref.slice('#/definitions/'.length)] ?? s)
      : s
  const inlining = new Set<string>()
  // A schema's keywords; under `properties` or `definitions` the keys are names instead.
  const walkMap = (map: Json): Json => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, walk(v)]))
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk)
    if (!node || typeof node !== 'object') return node
    const out: Json = {}
    for (const [k, v] of Object.entries(node)) {
      if (CHECKS_ONLY.has(k) || (k === 'additionalProperties' && v === false)) continue
      out[k] = MAPS.has(k) && v && typeof v === 'object' ? walkMap(v as Json) : walk(v)
    }
    const anyOf = out.anyOf as Json[] | undefined
    const isNull = (x: Json) => x.type === 'null' && Object.keys(x).length === 1
    if (anyOf?.length === 2 && anyOf.some(isNull)) {
      const branch = anyOf.find((x) => !isNull(x))!
      const name = typeof branch.$ref === 'string' ? branch.$ref : null
      // A referenced X is inlined once per path (a schema that refers to itself keeps its $ref).
      if (name && inlining.has(name)) return out
      if (name) inlining.add(name)
      const other = name ? (walk(resolve(branch)) as Json) : branch
      if (name) inlining.delete(name)
      if (typeof other.type === 'string' && !other.anyOf) {
        const { anyOf: _, ...rest } = out
        return { ...rest, ...other, type: [other.type, 'null'] }
      }
    }
    return out
  }
  return walk(root) as Json
}

function zodSchemaOf(schema: unknown): ZodType {
  if (schema instanceof z.ZodType) return schema
  const inner = (schema as { properties?: unknown }).properties
  if (inner instanceof z.ZodType) return inner
  throw new Error(`Not a zod schema: ${JSON.stringify(schema)}`)
}

export function responseSerializer(check: boolean): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url }) => {
    const zodSchema = zodSchemaOf(schema)
    // Compiled on first use: compiling every route's schemas up front made each app (and
    // each test file's app) start ~0.5 s later.
    let compiled: ((data: unknown) => string) | undefined
    const stringify = (data: unknown) => {
      compiled ??= fastJson(
        simplify(
          z.toJSONSchema(zodSchema, { io: 'output', target: 'draft-7', unrepresentable: 'any' }) as Json,
        ) as unknown as Parameters<typeof fastJson>[0],
      )
      return compiled(data)
    }
    if (!check) return stringify
    return (data) => {
      const encoded = zodSchema.safeEncode(data)
      if (!encoded.success) throw new ResponseSerializationError(method, url, { cause: encoded.error })
      const written = stringify(data)
      const expected = JSON.stringify(encoded.data)
      // The same values; key order may differ (zod keeps an extended object's own order).
      if (!isDeepStrictEqual(JSON.parse(written), JSON.parse(expected)))
        throw new Error(`${method} ${url}: fast-json-stringify wrote\n${written}\nbut zod\n${expected}`)
      return written
    }
  }
}
