// node scripts/launch.mjs <entry.ts> [args…]: runs a TypeScript entry (scripts/start.ts, scripts/cli.ts)
// as one plain ES module bundled by esbuild at launch, instead of through tsx's loader.
// Why: tsx keeps a loader thread with its own V8 heap for the life of the process (~40 MB of RSS on
// a long-running worker, measured in scripts/bench.ts scenario 8). The bundle is rebuilt on every
// launch (~0.3 s), so it can never be stale; packages stay in node_modules (external), only the
// project's own TypeScript is bundled. Each module keeps its own import.meta.url (the source file's),
// so paths like lib/db/migrate.ts's '../../prisma/migrations' resolve as they do under tsx.
import { constants, rmSync } from 'node:fs';
import { access, readFile, readdir, mkdir } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/launch.mjs <entry.ts> [args…]');
  process.exit(2);
}
const source = resolve(root, entry);
const outDir = resolve(root, 'node_modules/.cache/hookline');
const outfile = resolve(outDir, `${relative(root, source).replace(/[\\/]/g, '_').replace(/\.tsx?$/, '')}.${process.pid}.mjs`);

const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (file) => {
      const text = await readFile(file.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(file.path).href);
      return { contents: text.replaceAll('import.meta.url', url), loader: file.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

process.argv = [process.argv[0], source, ...args];
if (await writable(outDir)) await runBundled();
else {
  // A read-only install (node_modules owned by another user): the bundle must sit inside the project
  // for its imports of packages to resolve, so the entry runs under tsx, as it did before this launcher.
  console.warn(`launch: ${outDir} is not writable; running ${entry} under tsx`);
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
}

async function runBundled() {
  await esbuild.build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    tsconfig: resolve(root, 'tsconfig.json'),
    plugins: [ownImportMetaUrl],
    logLevel: 'warning',
    // A top-level `require` for the few CommonJS-only paths bundled code might take.
    banner: { js: "import { createRequire as __hlCreateRequire } from 'node:module'; const require = __hlCreateRequire(import.meta.url);" },
  });
  await esbuild.stop();
  // The bundle is removed when this process exits; files of launches that died harder are swept here.
  process.on('exit', () => rmSync(outfile, { force: true }));
  for (const name of await readdir(outDir)) {
    const pid = Number(/\.(\d+)\.mjs$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) rmSync(resolve(outDir, name), { force: true });
  }
  await import(pathToFileURL(outfile).href);
}

async function writable(dir) {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}
