#!/usr/bin/env node
// Runs a Dateline command. Node 22.18+ and 24 run the TypeScript sources as they are; older Node
// (20) reads them through tsx, registered here before anything TypeScript is imported.
import path from "node:path";
import { fileURLToPath } from "node:url";

const COMMANDS = {
  build: "../src/cli/build.ts",
  check: "../src/cli/check.ts",
  "next-build": "../src/cli/next-build.ts",
  start: "../src/cli/start.ts",
  "import:wordpress": "../src/cli/import-wordpress.ts",
  new: "../src/cli/new-story.ts",
  init: "../src/cli/init.ts",
  // Started by a build to render part of its pages, not by people: see src/publish/workers.ts.
  "render-worker": "../src/cli/render-worker.ts",
};

const [command, ...rest] = process.argv.slice(2);
// Node strips types only outside node_modules: installed as a package, Dateline goes through tsx too.
const installed = fileURLToPath(import.meta.url).split(path.sep).includes("node_modules");
if (!process.features.typescript || installed) {
  // Eleventy's modules are JavaScript: loaded before tsx's hooks are registered, they skip the
  // hooks' thread (measured: 12% less CPU for a small site's build on Node 20).
  if (!["next-build", "import:wordpress", "new", "init"].includes(command)) await import("@11ty/eleventy");
  const { register: registerTsx } = await import("tsx/esm/api");
  registerTsx();
}

if (command in COMMANDS) {
  process.argv = [process.argv[0], process.argv[1], ...rest];
  await import(new URL(COMMANDS[command], import.meta.url).href);
} else {
  console.error(`usage: dateline <${Object.keys(COMMANDS).filter((name) => name !== "render-worker").join("|")}> [options]`);
  process.exit(2);
}
