declare module "@11ty/eleventy" {
  export interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    source?: "cli" | "script";
    runMode?: "build" | "watch" | "serve";
    /** Configuration applied before the site's config file. */
    config?: (eleventyConfig: never) => unknown;
  }
  /** Eleventy's programmatic API, the part Dateline's build command uses. */
  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
  }
}
