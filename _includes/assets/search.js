// Dateline: the search page. It searches the index built with the site (Pagefind's bundle) in the
// reader's browser, one index per language the stories are written in, each with its own stemming.
// Every word it shows comes from the page's labels; without this script the page offers the sections.
const form = document.querySelector("form[data-search]");
if (form) start(form);

function start(form) {
  const bundle = form.dataset.search;
  const prefix = form.dataset.home;
  const html = document.documentElement;
  const page = html.lang;
  const labels = JSON.parse(document.getElementById("search-labels").textContent);
  const { q: input, section, author, sort } = form.elements;
  const options = form.querySelector(".search-options");
  const status = document.querySelector(".search-status");
  const list = document.querySelector(".search-results");
  const more = document.querySelector(".search-more");
  const fallback = document.querySelector(".search-fallback");
  const plural = new Intl.PluralRules(page);
  const number = new Intl.NumberFormat(page);
  const day = new Intl.DateTimeFormat(page, { timeZone: form.dataset.zone, dateStyle: "long" });
  const PAGE_SIZE = 10;

  const say = (key, values = {}) => (labels[key] ?? key).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  const counted = (key, count, values) => {
    const form = `${key}.${plural.select(count)}`;
    return say(form in labels ? form : `${key}.other`, { ...values, count: number.format(count) });
  };
  const element = (name, className) => {
    const node = document.createElement(name);
    if (className) node.className = className;
    return node;
  };

  // One Pagefind instance per language of the index, each from its own copy of Pagefind's script:
  // Pagefind picks an index by the page's `lang`, and one copy runs one language's code at a time.
  let engines;
  let entry;
  const readEntry = async () => {
    const response = await fetch(`${bundle}pagefind-entry.json?ts=${Date.now()}`);
    if (!response.ok) throw new Error(`${response.status} ${response.url}`);
    return response.text();
  };
  // A republished site switches to a new index and removes the old one's files: before each search,
  // a page that loaded the old one loads the new.
  const current = async () => {
    if (!engines) return;
    if ((await readEntry()) !== entry) {
      engines = undefined;
      known.clear();
    }
  };
  const load = () =>
    (engines ??= (async () => {
      entry = await readEntry();
      const { languages } = JSON.parse(entry);
      return Promise.all(
        Object.keys(languages).map(async (language) => {
          const pagefind = await import(`${bundle}pagefind.js?${encodeURIComponent(language)}`);
          html.setAttribute("lang", language);
          try {
            const engine = pagefind.createInstance({ basePath: bundle });
            await engine.options({ baseUrl: prefix });
            return { language, engine };
          } finally {
            html.setAttribute("lang", page);
          }
        }),
      );
    })().catch((error) => {
      engines = undefined;
      throw error;
    }));

  // Pagefind answers a word its index lacks with the longest start of it that the index has ("выборы"
  // with "в", "document" with "doc"). A word is in a language's index when the best result for it alone
  // marks a word sharing much of its start; a query with a word an index lacks finds nothing there.
  const word = (text) => text.toLocaleLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  const sharedStart = (a, b) => {
    const [x, y] = [Array.from(a), Array.from(b)];
    let n = 0;
    while (n < x.length && n < y.length && x[n] === y[n]) n++;
    return n;
  };
  const known = new Map();
  // Pagefind answers only the latest search an instance was asked, an earlier one with null: a search
  // of this page (`mine`) that a newer one replaced asks nothing more and gives up.
  const answer = async (mine, engine, query, options) => {
    if (mine !== run) throw new Error("superseded");
    const found = await engine.search(query, options);
    if (!found) throw new Error("superseded");
    return found;
  };
  const knows = async (mine, language, engine, term) => {
    const key = `${language}\u0000${term}`;
    if (!known.has(key)) {
      const [best] = (await answer(mine, engine, term)).results;
      const { excerpt } = best ? await best.data() : { excerpt: "" };
      const need = Math.ceil(0.4 * Array.from(term).length);
      known.set(key, [...excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].some((match) => sharedStart(word(match[1]), term) >= need));
    }
    return known.get(key);
  };
  const terms = (query) => [...new Set((query.match(/[\p{L}\p{N}]+/gu) ?? []).map(word))];

  async function fillFilters(loaded) {
    const counts = { section: new Map(), author: new Map() };
    for (const found of await Promise.all(loaded.map(({ engine }) => engine.filters()))) {
      for (const [name, values] of Object.entries(found)) {
        if (!counts[name]) continue;
        for (const [value, n] of Object.entries(values)) counts[name].set(value, (counts[name].get(value) ?? 0) + n);
      }
    }
    for (const [name, select] of [["section", section], ["author", author]]) {
      const names = [...counts[name].keys()].sort((a, b) => a.localeCompare(b, page));
      select.append(...names.map((value) => new Option(value, value)));
      select.closest("label").hidden = names.length < 2;
    }
    options.hidden = false;
  }

  // Results newest first across languages: each language's list is in date order, so the pages are
  // merged by their dates, loading only the results shown.
  function pager(found, newest) {
    const cache = new WeakMap();
    const data = (result) => {
      if (!cache.has(result.result)) cache.set(result.result, result.result.data().then((d) => ({ ...d, language: result.language })));
      return cache.get(result.result);
    };
    const lists = found.map(({ language, results }) => results.map((result) => ({ language, result })));
    if (!newest) {
      const all = lists.flat().sort((a, b) => b.result.score - a.result.score);
      let at = 0;
      return () => Promise.all(all.slice(at, (at += PAGE_SIZE)).map(data));
    }
    const heads = lists.map(() => 0);
    return async () => {
      const out = [];
      while (out.length < PAGE_SIZE) {
        const live = lists.flatMap((results, i) => (heads[i] < results.length ? [i] : []));
        if (live.length === 0) break;
        const first = await Promise.all(live.map((i) => data(lists[i][heads[i]])));
        let best = 0;
        for (let k = 1; k < live.length; k++) if (first[k].meta.published > first[best].meta.published) best = k;
        out.push(first[best]);
        heads[live[best]]++;
      }
      return out;
    };
  }

  /** Pagefind's excerpt is text with the matched words in <mark>: only those marks are kept as markup. */
  function excerpt(text) {
    const template = element("template");
    template.innerHTML = text;
    const paragraph = element("p", "teaser-summary");
    paragraph.dir = "auto";
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") {
        // Pagefind marks a word with the punctuation around it ("ferries."): only the word is marked.
        const [, before, word, after] = /^([\p{P}\p{S}]*)(.*?)([\p{P}\p{S}]*)$/su.exec(node.textContent);
        const mark = element("mark");
        mark.textContent = word;
        paragraph.append(before, mark, after);
      } else paragraph.append(node.textContent);
    }
    return paragraph;
  }

  function item(story) {
    const li = element("li");
    if (story.language !== page.toLowerCase()) li.lang = story.language;
    const article = element("article", "teaser");
    if (story.meta.image) {
      article.classList.add("has-photo");
      const link = element("a", "teaser-photo");
      link.href = story.url;
      link.tabIndex = -1;
      link.setAttribute("aria-hidden", "true");
      const image = element("img");
      image.src = story.meta.image;
      image.alt = "";
      image.loading = "lazy";
      link.append(image);
      article.append(link);
    }
    const heading = element("h2", "teaser-headline");
    heading.dir = "auto";
    const link = element("a");
    link.href = story.url;
    link.textContent = story.meta.title;
    heading.append(link);
    const meta = element("p", "teaser-meta");
    const facts = [story.meta.section, story.meta.published && day.format(new Date(story.meta.published)), story.meta.status && say(`searchStatus.${story.meta.status}`)];
    meta.textContent = facts.filter(Boolean).join(" · ");
    article.append(heading, meta, excerpt(story.excerpt));
    li.append(article);
    return li;
  }

  let next;
  let run = 0;
  async function showMore(focus) {
    const mine = run;
    const stories = await next();
    if (mine !== run) return;
    const items = stories.map(item);
    list.append(...items);
    more.hidden = stories.length < PAGE_SIZE;
    if (focus && items[0]) items[0].querySelector("h2 a").focus();
  }

  async function search() {
    const mine = ++run;
    const query = input.value.trim();
    const params = new URLSearchParams();
    for (const field of [input, section, author, sort]) if (field.value.trim()) params.set(field.name, field.value.trim());
    history.replaceState(null, "", params.size ? `?${params}` : location.pathname);
    list.replaceChildren();
    more.hidden = true;
    if (!query) {
      status.textContent = say("searchEmpty");
      return;
    }
    status.textContent = say("searching");
    try {
      const filters = {};
      if (section.value) filters.section = section.value;
      if (author.value) filters.author = author.value;
      const newest = sort.value === "newest";
      const ask = async ({ language, engine }) => {
        // One word at a time: a Pagefind instance answers only the latest of searches asked together.
        for (const term of terms(query)) if (!(await knows(mine, language, engine, term))) return { language, results: [] };
        return { language, ...(await answer(mine, engine, query, { filters, ...(newest && { sort: { date: "desc" } }) })) };
      };
      await current();
      const found = await Promise.all((await load()).map(ask));
      if (mine !== run) return;
      const total = found.reduce((sum, one) => sum + one.results.length, 0);
      next = pager(found, newest);
      await showMore(false);
      // Said once the results are on the page, for readers who hear it.
      if (mine === run) status.textContent = total ? counted("searchResults", total, { query }) : say("searchNothing", { query });
    } catch {
      if (mine !== run) return;
      status.textContent = say("searchFailed");
      fallback.hidden = false;
    }
  }

  let typing;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(search, 300);
  });
  for (const select of [section, author, sort]) select.addEventListener("change", search);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    search();
  });
  more.addEventListener("click", () => showMore(true));

  fallback.hidden = true;
  const asked = new URLSearchParams(location.search);
  input.value = asked.get("q") ?? "";
  load()
    .then(async (loaded) => {
      await fillFilters(loaded);
      for (const select of [section, author, sort]) {
        const wanted = asked.get(select.name);
        if (wanted && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
      }
    })
    .catch(() => undefined)
    .then(() => (input.value ? search() : undefined));
}
