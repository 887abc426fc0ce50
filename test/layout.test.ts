import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./helpers/site.ts";

/** The pipeline's stages, in the order imports may point: each stage imports only from those before it. */
const STAGES = ["content", "model", "eleventy", "publish", "cli"];

describe("the source tree", () => {
  it("reads as the pipeline: every module in a stage folder, importing only its own stage and earlier ones", () => {
    const src = path.join(ROOT, "src");
    const wrong: string[] = [];
    const modules = readdirSync(src, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts") && !file.startsWith("types"));
    for (const file of modules) {
      const stage = file.split(path.sep)[0]!;
      expect(STAGES, file).toContain(stage);
      for (const [, target] of readFileSync(path.join(src, file), "utf8").matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
        const imported = path.relative(src, path.resolve(path.dirname(path.join(src, file)), target!)).split(path.sep)[0]!;
        if (STAGES.indexOf(imported) > STAGES.indexOf(stage)) wrong.push(`${file} imports ${target} (${imported} comes after ${stage})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(modules.length).toBeGreaterThan(25);
  });

  it("keeps no mutable state at module level: the build's state lives in its BuildSession", () => {
    const src = path.join(ROOT, "src");
    const found = readdirSync(src, { recursive: true, encoding: "utf8" })
      // A command's own top-level script is its main function; the modules a build runs are what matter.
      .filter((file) => file.endsWith(".ts") && !file.startsWith("cli"))
      .flatMap((file) => readFileSync(path.join(src, file), "utf8").split("\n").map((line) => [file, line] as const))
      .filter(([, line]) => /^(export )?(let|var) /.test(line) || /^(export )?const \w+(: [^=]+)? = new (Map|WeakMap)\b/.test(line) || /^(export )?const \w+: \{[^}]*\} = \{/.test(line))
      .map(([file, line]) => `${file}: ${line}`);
    expect(found).toEqual([]);
  });
});
