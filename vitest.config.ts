import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**"],
    // Each suite builds real sites with the real command; a build takes seconds on a shared machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
