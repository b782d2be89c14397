import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Several tests run the built CLI on the seed corpus and the evaluation PDFs;
    // two cores here, so keep the file-level parallelism modest.
    maxWorkers: 2,
  },
});
