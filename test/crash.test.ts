import { describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSite, snapshot } from "./helpers/site.ts";
import { CLOCK, draftTheStory, siteWithPublic } from "./helpers/publishing.ts";

describe("a build killed while publishing", () => {
  it("leaves a whole earlier or later build published when killed at any step, and the next build equals a clean one", async () => {
    const before = siteWithPublic();
    const after = siteWithPublic();
    draftTheStory(after);

    const steps = ["rendered", "manifest", "swap-aside", "swap-in", "swapped", "manifest-swap-aside", "manifest-swap-in"];
    // Two builds of the earlier content, so that a published folder and a spare one exist, copied for each step.
    const first = path.join(mkdtempSync(path.join(tmpdir(), "dateline-crash-")), "_site");
    for (let i = 0; i < 2; i++) expect((await buildSite(before, CLOCK, first)).code).toBe(0);
    const clean = { before: snapshot(first), after: snapshot((await buildSite(after, CLOCK)).output) };
    expect(clean.before["CNAME"]).toBeDefined();
    expect(clean.before[".well-known/security.txt"]).toBeDefined();
    expect(clean.before).not.toEqual(clean.after);
    const outputs = steps.map(() => path.join(mkdtempSync(path.join(tmpdir(), "dateline-crash-")), "_site"));
    for (const output of outputs) {
      for (const suffix of ["", ".spare", ".manifest.json", ".spare.manifest.json"]) cpSync(`${first}${suffix}`, `${output}${suffix}`, { recursive: true });
    }

    const killed = await Promise.all(steps.map((step, i) => buildSite(after, { ...CLOCK, DATELINE_CRASH_AT: step }, outputs[i])));
    steps.forEach((step, i) => {
      expect(killed[i]!.code, step).not.toBe(0);
      const published = snapshot(outputs[i]!);
      // Killed between the two renames of the swap, the old build is whole beside the place it left.
      const whole = step === "swap-aside" ? snapshot(`${outputs[i]}.previous`) : published;
      expect([clean.before, clean.after], step).toContainEqual(whole);
    });

    const next = await Promise.all(outputs.map((output) => buildSite(after, CLOCK, output)));
    steps.forEach((step, i) => {
      expect(next[i]!.code, `${step}: ${next[i]!.stderr}`).toBe(0);
      expect(snapshot(outputs[i]!), step).toEqual(clean.after);
      expect(existsSync(`${outputs[i]}.previous`), step).toBe(false);
      expect(existsSync(`${outputs[i]}.lock`), step).toBe(false);
    });
  });

  it("publishes nothing of a build whose render worker died, and says so", async () => {
    const before = siteWithPublic();
    const after = siteWithPublic();
    draftTheStory(after);
    const output = path.join(mkdtempSync(path.join(tmpdir(), "dateline-crash-")), "_site");
    expect((await buildSite(before, CLOCK, output)).code).toBe(0);
    const published = snapshot(output);
    const workers = { DATELINE_WORKERS: "1", DATELINE_PAGES_PER_PASS: "4" };
    const killed = await buildSite(after, { ...CLOCK, ...workers, DATELINE_CRASH_AT: "render-worker" }, output);
    expect(killed.code).not.toBe(0);
    expect(killed.stderr).toContain("a render worker stopped (SIGKILL) before it had written its pages");
    expect(killed.stderr).toContain("nothing was published");
    expect(snapshot(output)).toEqual(published);
    expect((await buildSite(after, { ...CLOCK, ...workers }, output)).code).toBe(0);
    expect(snapshot(output)).toEqual(snapshot((await buildSite(after, CLOCK)).output));
  });
});
