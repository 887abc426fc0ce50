/**
 * `npm run next-build [site folder]`: prints the ISO time at which the site's output next changes by the
 * clock alone (an embargo lifts, an article expires, a story leaves the news sitemap), or nothing when no
 * such time is ahead, so a scheduler knows when to rebuild. Uses the same build clock as the build.
 */
import path from "node:path";
import { buildClock } from "../content/clock.ts";
import { ContentValidationError } from "../content/errors.ts";
import { SITE_FOLDERS } from "../content/folders.ts";
import { loadNewsroom } from "../model/newsroom.ts";

const input = path.resolve(process.argv[2] ?? ".");
try {
  const folder = (name: string) => path.join(input, name);
  const newsroom = loadNewsroom({ input, posts: folder(SITE_FOLDERS.posts), data: folder("_data"), media: folder(SITE_FOLDERS.media), public: folder(SITE_FOLDERS.public) }, buildClock());
  if (newsroom.nextChange) console.log(newsroom.nextChange.at);
} catch (error) {
  if (!(error instanceof ContentValidationError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
