import dateline from "./src/eleventy/plugin.ts";
import type { EleventyConfig } from "./src/eleventy/plugin.ts";

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(dateline);
  // The generator's own sources and tests are not pages of the site.
  for (const folder of ["src", "test", "bench", "docs"]) eleventyConfig.ignores.add(`${folder}/**`);
}

export const config = {
  // Input and output come from the command line (default: this folder, _site/).
  dir: { includes: "_includes", data: "_data" },
  templateFormats: ["njk"],
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
