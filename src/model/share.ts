import type { SiteConfig } from "../content/schema.ts";
import { absolute } from "./structured-data.ts";

type Network = Exclude<SiteConfig["share"], false>[number];

export interface ShareLink {
  network: Network;
  /** The network's own name (a brand is not translated); e-mail's comes from the labels. */
  name: string;
  url: string;
}

export const NETWORK_NAMES: Record<Network, string> = { email: "", x: "X", facebook: "Facebook", linkedin: "LinkedIn", whatsapp: "WhatsApp", telegram: "Telegram", bluesky: "Bluesky" };

/** Each network's page for sharing an address, as the networks document it: no script, no tracker, a plain link. */
const SHARE_PAGES: Record<Network, (url: string, title: string) => string> = {
  email: (url, title) => `mailto:?subject=${title}&body=${url}`,
  x: (url, title) => `https://x.com/intent/post?text=${title}&url=${url}`,
  facebook: (url) => `https://www.facebook.com/sharer/sharer.php?u=${url}`,
  linkedin: (url) => `https://www.linkedin.com/sharing/share-offsite/?url=${url}`,
  whatsapp: (url, title) => `https://wa.me/?text=${title}%20${url}`,
  telegram: (url, title) => `https://t.me/share/url?url=${url}&text=${title}`,
  bluesky: (url, title) => `https://bsky.app/intent/compose?text=${title}%20${url}`,
};

/** The share links site.json's `share` asks for, for a story: its absolute address and headline, encoded for each network. */
export function shareLinks(site: SiteConfig, story: { url: string; title: string }): ShareLink[] {
  if (site.share === false) return [];
  const url = encodeURIComponent(absolute(site, story.url));
  const title = encodeURIComponent(story.title);
  return site.share.map((network) => ({ network, name: NETWORK_NAMES[network], url: SHARE_PAGES[network](url, title) }));
}
