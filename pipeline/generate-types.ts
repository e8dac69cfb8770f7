/**
 * npm run types: TypeScript declarations for the published data, generated from the JSON Schemas
 * with json-schema-to-typescript into pipeline/package/types/ (the build copies them into out/).
 * A test regenerates them and fails on drift.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { PROJECT_ROOT } from './paths.ts';

const ROOT = PROJECT_ROOT;
export const GENERATED_TYPES: Record<string, string> = { dataset: 'dataset.d.ts', locale: 'locale.d.ts' };
export const TYPES_DIR = path.join(ROOT, 'pipeline', 'package', 'types');

export async function generateTypes(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [schema, file] of Object.entries(GENERATED_TYPES)) {
    const json = JSON.parse(readFileSync(path.join(ROOT, 'schema', `${schema}.schema.json`), 'utf8')) as JSONSchema;
    const ts = await compile(json, json.title ?? schema, {
      bannerComment: `/* Generated from schema/${schema}.schema.json by \`npm run types\`; do not edit. */`,
      additionalProperties: false,
      unreachableDefinitions: true,
      style: { singleQuote: true, printWidth: 120 },
    });
    out.set(file, ts);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(TYPES_DIR, { recursive: true });
  for (const [file, ts] of await generateTypes()) {
    writeFileSync(path.join(TYPES_DIR, file), ts);
    process.stdout.write(`wrote pipeline/package/types/${file}\n`);
  }
}
