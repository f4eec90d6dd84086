// The SQL that creates schema.prisma from an empty database, computed by Prisma's own schema engine
// compiled to WebAssembly (@prisma/schema-engine-wasm, a dev dependency: no download, no native
// binary). Used by `npm run db:schema-sql` when writing a migration and by the drift test.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

export const SCHEMA_PATH = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));

/** connectionString: any reachable PostgreSQL; the engine opens a connection but changes nothing. */
export async function schemaSql(connectionString: string, schemaPath = SCHEMA_PATH): Promise<string> {
  const require = createRequire(import.meta.url);
  const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bg = await import(bgPath);
  const bytes = readFileSync(bgPath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();

  const content = readFileSync(schemaPath, 'utf8');
  const files = [{ path: 'schema.prisma', content }];
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(connectionString));
  const engine = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', content]] }, () => {}, adapter);
  try {
    const result = await engine.diff({
      from: { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      shadowDatabaseUrl: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return (result.stdout as string).replace('-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n', '');
  } finally {
    engine.free();
  }
}
