import type { NavSectionInput } from "../content/schema.ts";
import type { ContentProblem } from "../content/errors.ts";
import { FRONT_PAGES, reservedBy, sectionUrl, URLS } from "./urls.ts";
import { label, type Labels } from "./labels.ts";

export interface Section {
  key: string;
  title: string;
  /** Site path of the section's front, e.g. `/news/russia/`. */
  url: string;
  /** Outer sections first, this one excluded: News for Russia News. */
  ancestors: Section[];
  /** Keys from the outermost section down to this one, for marking the current section in the nav. */
  trail: string[];
  children: Section[];
}

/**
 * One step of a breadcrumb trail: a name from the content (`title`), or a word of the interface named
 * by its key in the labels table (`label`, with `number` for "Page 2"), which the theme words.
 */
export interface Crumb {
  title?: string;
  label?: string;
  number?: number;
  url?: string;
}

export interface SectionTree {
  top: Section[];
  byKey: Map<string, Section>;
}

/** Turns site.json's `nav` into sections with their URLs; a key used twice is a problem, since keys name sections. */
export function buildSections(nav: readonly NavSectionInput[], file: string): { tree: SectionTree; problems: ContentProblem[] } {
  const byKey = new Map<string, Section>();
  const problems: ContentProblem[] = [];

  const visit = (inputs: readonly NavSectionInput[], ancestors: Section[], fieldPath: string): Section[] =>
    inputs.map((input, index) => {
      const parentUrl = ancestors.at(-1)?.url ?? URLS.home;
      const section: Section = {
        key: input.key,
        title: input.title,
        url: sectionUrl(parentUrl, input.key),
        ancestors,
        trail: [...ancestors.map((a) => a.key), input.key],
        children: [],
      };
      const here = `${fieldPath}[${index}]`;
      // A section's front is a folder: it may not be one the generator fills, nor its parent's page/ folder.
      const taken = ancestors.length === 0 ? reservedBy(section.url, []) : input.key === FRONT_PAGES ? `the pages of the ${ancestors.at(-1)!.title} front` : undefined;
      if (taken) {
        problems.push({ file, field: `${here}.key`, message: `"${input.key}" would put this section at ${section.url}, the address of ${taken}; choose another key` });
      } else if (byKey.has(input.key)) {
        problems.push({ file, field: `${here}.key`, message: `"${input.key}" is used by two sections; each section needs its own key` });
      } else {
        byKey.set(input.key, section);
      }
      section.children = visit(input.children ?? [], [...ancestors, section], `${here}.children`);
      return section;
    });

  return { tree: { top: visit(nav, [], "nav"), byKey }, problems };
}

/** A crumb as readers see it: its own title, or its label's words ("Page {number}" → "Page 2"). */
export function crumbName(crumb: Crumb, labels: Labels): string {
  return crumb.title ?? label(labels, crumb.label ?? "", crumb.number === undefined ? {} : { number: crumb.number });
}

/** Home › News › Russia News › <headline>: every crumb but the last is a link. */
export function breadcrumbs(section: Section, current?: string): Crumb[] {
  const trail: Crumb[] = [{ label: "home", url: URLS.home }, ...[...section.ancestors, section].map((s) => ({ title: s.title, url: s.url }))];
  if (current === undefined) {
    const last = trail.at(-1);
    if (last) delete last.url;
    return trail;
  }
  return [...trail, { title: current }];
}
