declare module "turndown-plugin-gfm" {
  import type TurndownService from "turndown";
  /** Tables, strikethrough and task lists, as GitHub-flavoured markdown (which markdown-it reads). */
  export function gfm(service: TurndownService): void;
}
