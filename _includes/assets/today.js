// Dateline: a page read on a later day than it was built shows that day in its top bar.
(() => {
  const time = document.querySelector("time.today[data-zone]");
  if (!time) return;
  const timeZone = time.dataset.zone;
  const now = new Date();
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const part = (type) => parts.find((p) => p.type === type).value;
  const today = `${part("year")}-${part("month")}-${part("day")}`;
  // Never back: a reader's clock that is behind leaves the built day.
  if (today <= time.dateTime) return;
  time.dateTime = today;
  // luxon's DATE_HUGE, as the build writes it.
  time.textContent = new Intl.DateTimeFormat(time.lang, { timeZone, weekday: "long", year: "numeric", month: "long", day: "numeric" }).format(now);
})();
