declare module "@11ty/eleventy-plugin-rss" {
  /** Rewrites every URL in an HTML fragment against `base`, for feed readers that have no page to resolve them against. */
  export function convertHtmlToAbsoluteUrls(html: string, base: string, options?: Record<string, unknown>): Promise<string>;
}
