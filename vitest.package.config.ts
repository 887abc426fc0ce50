import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    include: ["test/package/**/*.test.ts"],
    // npm installs Dateline's dependencies from the registry: minutes on a cold cache.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
