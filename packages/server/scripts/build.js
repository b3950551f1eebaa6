// Bundles src/main.ts into dist/koe.js with esbuild, so `koe serve` starts without compiling TypeScript
// (about 1.5 s of a cold start under tsx). Dependencies stay in node_modules: PGlite loads its WASM and
// data files from beside its own modules, and argon2 is a native addon.
import { build } from "esbuild";

const started = Date.now();
await build({
  entryPoints: [new URL("../src/main.ts", import.meta.url).pathname],
  outfile: new URL("../dist/koe.js", import.meta.url).pathname,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
});
console.log(`built packages/server/dist/koe.js in ${Date.now() - started} ms`);
