// Run by tests/ops/launch.test.ts through scripts/launch.mjs: says what the bundled module sees.
// `hold` as an argument keeps the process alive until its stdin closes.
import { loaded } from './launch-probe-dep';

console.log(
  JSON.stringify({
    url: import.meta.url,
    dirname: import.meta.dirname,
    dep: loaded,
    text: 'import.meta.url stays as written in a string',
    stack: new Error('where').stack,
    argv: process.argv.slice(1),
  }),
);
if (process.argv.includes('hold')) process.stdin.resume().on('end', () => process.exit(0));
