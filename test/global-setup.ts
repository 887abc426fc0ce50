import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Every temp folder the suites and their child builds make goes in one folder, removed when the run ends. */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), "dateline-tests-"));
  process.env.TMPDIR = root;
  // Processed photos too: no build in the tests writes a cache into a fixture's folder.
  process.env.DATELINE_CACHE_DIR = path.join(root, "cache");
  return () => rmSync(root, { recursive: true, force: true });
}
