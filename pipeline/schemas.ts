/**
 * JSON Schema validation (draft 2020-12, ajv). Schemas are read once from schema/; before a schema
 * is trusted it must reject an empty object, so a broken schema cannot wave everything through.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js';
import { BuildError } from './errors.ts';

import { SCHEMA_DIR } from './paths.ts';

export { SCHEMA_DIR };

export type SchemaName = 'manifest' | 'claims' | 'dataset' | 'conflicts' | 'decisions' | 'locale';

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addKeyword({ keyword: 'tsType' });
const compiled = new Map<SchemaName, ValidateFunction>();

/** A document each schema must reject before it is trusted (an empty decisions file is valid). */
const MUST_REJECT: Partial<Record<SchemaName, unknown>> = { decisions: { 'kind/100/-/-/-': {} } };

export function schemaFile(name: SchemaName): string {
  return path.join(SCHEMA_DIR, `${name}.schema.json`);
}

export function validator(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const schema = JSON.parse(readFileSync(schemaFile(name), 'utf8')) as object;
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      ajv.removeSchema((schema as { $id?: string }).$id ?? '');
      throw new BuildError(`Schema does not compile: ${(error as Error).message}`, `schema/${name}.schema.json`);
    }
    const probe = name in MUST_REJECT ? MUST_REJECT[name] : {};
    if (validate(probe)) {
      throw new BuildError(`Schema \`${name}\` accepts ${JSON.stringify(probe)}; refusing to trust it`, `schema/${name}.schema.json`);
    }
    compiled.set(name, validate);
  }
  return validate;
}

export function describeErrors(errors: ErrorObject[] | null | undefined, max = 10): string {
  return (errors ?? [])
    .slice(0, max)
    .map((e) => `${e.instancePath === '' ? '(root)' : e.instancePath} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` \`${String(e.params.additionalProperty)}\`` : ''}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`)
    .join('; ');
}

/** Validate `data`; a violation is a BuildError naming the output file, the JSON path and the message. */
export function assertValid(name: SchemaName, data: unknown, file: string): void {
  const validate = validator(name);
  if (!validate(data)) {
    throw new BuildError(`Does not match schema/${name}.schema.json: ${describeErrors(validate.errors)}`, file);
  }
}
