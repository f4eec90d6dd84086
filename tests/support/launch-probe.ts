// Run by tests/ops/launch.test.ts through scripts/launch.mjs: says what the bundled module sees.
import { loaded } from './launch-probe-dep';

console.log(JSON.stringify({ url: import.meta.url, dep: loaded, argv: process.argv.slice(1), execArgv: process.execArgv }));
