// Builds the web page into dist/web, which `parley serve` serves. Preact's JSX runtime; PLOVER's quad classes come
// from the same data file the coder reads (data/events/plover.yaml), converted to JSON at build time.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import YAML from "yaml";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here("."),
  base: "/",
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: here("../dist/web"), emptyOutDir: true, chunkSizeWarningLimit: 700, sourcemap: false, target: "es2022" },
  plugins: [
    {
      name: "parley-plover",
      resolveId: (id) => (id === "virtual:plover" ? "\0virtual:plover" : null),
      load(id) {
        if (id !== "\0virtual:plover") return null;
        const data = YAML.parse(readFileSync(here("../data/events/plover.yaml"), "utf8")) as unknown;
        return `export default ${JSON.stringify(data)};`;
      },
    },
  ],
});
