// node scripts/launch.mjs <entry.ts> [args…]: runs a TypeScript entry (scripts/start.ts, scripts/cli.ts)
// as one plain ES module bundled by esbuild at launch, instead of through tsx's loader.
// Why: tsx keeps a loader thread with its own V8 heap for the life of the process (~40 MB of RSS on
// a long-running worker, measured in scripts/bench.ts scenario 8). The bundle is rebuilt on every
// launch (~0.3 s), so it can never be stale; packages stay in node_modules (external), only the
// project's own TypeScript is bundled. Each module keeps its own import.meta.url (the source file's),
// so paths like lib/db/migrate.ts's '../../prisma/migrations' resolve as they do under tsx.
import { constants, rmSync } from 'node:fs';
import { access, mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
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
// pid (for the sweep) and a random part: launches in other pid namespaces may share this folder.
const outfile = resolve(outDir, `${relative(root, source).replace(/[\\/]/g, '_').replace(/\.tsx?$/, '')}.${process.pid}.${randomBytes(4).toString('hex')}.mjs`);

// import.meta.url/dirname/filename of every module stay its source file's: each module gets its own
// constants, and `define` (which works on the syntax tree, so strings and comments are left alone)
// points the expressions at them; esbuild renames the constants apart when it joins the modules.
const META = { 'import.meta.url': '__hlMetaUrl', 'import.meta.dirname': '__hlMetaDirname', 'import.meta.filename': '__hlMetaFilename' };
const ownImportMeta = {
  name: 'own-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (file) => {
      const text = await readFile(file.path, 'utf8');
      const consts = `const __hlMetaUrl = ${JSON.stringify(pathToFileURL(file.path).href)}, __hlMetaDirname = ${JSON.stringify(dirname(file.path))}, __hlMetaFilename = ${JSON.stringify(file.path)};`;
      // On the first line, so line numbers (and the source map) stay those of the file.
      return { contents: `${consts} ${text}`, loader: file.path.endsWith('x') ? 'tsx' : 'ts' };
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
    plugins: [ownImportMeta],
    define: META,
    sourcemap: 'linked', // read only when source maps are on (below)
    logLevel: 'warning',
  });
  await esbuild.stop();
  // The bundle goes once it is loaded (its imports resolve from the folder, not the file), or when
  // the process exits first; bundles of launches that died harder are swept here, once they are older
  // than any launch takes to load them (a pid from another namespace sharing this folder looks dead).
  const remove = (file) => {
    try {
      rmSync(file, { force: true });
    } catch {
      /* another user's file, or gone: not this launch's concern */
    }
  };
  const removeBoth = () => {
    remove(outfile);
    remove(`${outfile}.map`);
  };
  process.on('exit', removeBoth);
  for (const name of await readdir(outDir)) {
    const pid = Number(/\.(\d+)\.[0-9a-f]+\.mjs(\.map)?$/.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    const file = resolve(outDir, name);
    const age = await stat(file).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > 10 * 60_000) remove(file);
  }
  // Stack traces name the .ts files and lines under `npm run dev` (or NODE_OPTIONS=--enable-source-maps);
  // elsewhere they name the bundle's functions only: the parsed map costs a long-running worker ~20 MB.
  if (args.includes('--dev')) process.setSourceMapsEnabled(true);
  const loaded = import(pathToFileURL(outfile).href);
  loaded.then(removeBoth, removeBoth);
  await loaded;
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
