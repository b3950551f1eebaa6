// The admin app is served by the Koe server under /admin. The build prints what the first page costs in
// gzipped JavaScript and fails above the budget (issue #5: 300 KB).
import { gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";

const BUDGET_KB = 300;

function initialSize(): Plugin {
  return {
    name: "koe-initial-size",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle).flatMap((c) => (c.type === "chunk" ? [[c.fileName, c]] : [])),
      );
      const entry = [...chunks.values()].find((c) => c.isEntry);
      const overview = [...chunks.values()].find((c) => c.facadeModuleId?.endsWith("overview-page.tsx"));
      if (!entry || !overview) return;
      // What opening the app on its first page loads: the entry, the overview page and what that page
      // imports, dynamic imports included (the chart library).
      const seen = new Set<string>();
      const visit = (name: string, dynamic: boolean) => {
        if (seen.has(name)) return;
        seen.add(name);
        const chunk = chunks.get(name);
        chunk?.imports.forEach((n) => visit(n, dynamic));
        if (dynamic) chunk?.dynamicImports.forEach((n) => visit(n, dynamic));
      };
      visit(entry.fileName, false);
      visit(overview.fileName, true);
      const gz = (name: string) => gzipSync(chunks.get(name)?.code ?? "").length;
      const initial = [...seen].reduce((sum, name) => sum + gz(name), 0);
      const all = [...chunks.keys()].reduce((sum, name) => sum + gz(name), 0);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      const verdict = initial <= BUDGET_KB * 1024 ? "within" : "OVER";
      console.log(
        `\nadmin app: the first page (overview) loads ${kb(initial)} of JavaScript gzipped in ${seen.size} chunks, ` +
          `${verdict} the ${BUDGET_KB} KB budget (entry ${kb(gz(entry.fileName))}; all chunks ${kb(all)})`,
      );
      if (initial > BUDGET_KB * 1024) this.error(`the first page's JavaScript is over ${BUDGET_KB} KB gz`);
    },
  };
}

export default defineConfig({
  base: "/admin/",
  plugins: [initialSize()],
  build: { outDir: "dist", emptyOutDir: true, reportCompressedSize: true, chunkSizeWarningLimit: 800 },
  // `vite` for development: the API of a running `koe serve` (KOE_API, default port 3000) behind the same origin.
  server: { proxy: { "/api": process.env.KOE_API ?? "http://localhost:3000" } },
});
