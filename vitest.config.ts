import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**", "test/hosts/**"],
    // Each suite builds real sites with the real command; a build takes seconds on a shared machine.
    testTimeout: 60_000,
    // Suites mostly wait on child builds, which are processes of their own: run three files at once
    // (vitest's default on two cores is one), so both cores stay busy.
    maxWorkers: 4,
    // No module keeps state (test/layout.test.ts checks it), so a worker may load the test helpers
    // and the generator once for all the files it runs.
    isolate: false,
    hookTimeout: 120_000,
  },
});
