// `prisma generate` without network access. Prisma 7's CLI wants to download a native schema engine
// that `generate` never uses; pointing PRISMA_SCHEMA_ENGINE_BINARY at a stub that fails loudly keeps
// it offline (migrations are applied by lib/db/migrate.ts, never by the Prisma CLI).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const stub = fileURLToPath(new URL('./no-schema-engine.sh', import.meta.url));
const result = spawnSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
process.exit(result.status ?? 1);
