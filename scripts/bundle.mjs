// The CLI as a bundle (issue #19, start-up < 0.1 s): tsc's checked output in dist/src, bundled from the CLI's two
// entry points (the command line and the worker thread of src/jobs) into dist/cli, so that a command loads a few
// files instead of about a hundred modules (~20 ms of its start-up). Packages in node_modules stay external (yargs,
// yaml, vega, the native resvg): they load only in the commands that need them. dist/cli/u1x.js is package.json's bin.
import { chmodSync } from "node:fs";
import { build } from "rolldown";

await build({
  input: { u1x: "dist/src/cli/main.js", worker: "dist/src/jobs/worker.js" },
  platform: "node",
  external: (id) => !id.startsWith(".") && !id.startsWith("/"),
  logLevel: "warn",
  // keepNames: error classes and likelihoods keep the names they have in the source.
  output: { dir: "dist/cli", format: "esm", cleanDir: true, keepNames: true, chunkFileNames: "[name]-[hash].js" },
});
chmodSync("dist/cli/u1x.js", 0o755);
// The unbundled entry (package.json's bin until issue #19) stays executable too: npx caches a project's bin links by
// its path and keeps an old link after the bin changes, and would otherwise fail with "Permission denied".
chmodSync("dist/src/cli/main.js", 0o755);
