// A render job's page, kept up to date without reloading it (progressive enhancement).
//
// Without JavaScript the page reloads itself (<noscript><meta http-equiv="refresh">). With it,
// this module fetches the same page every few seconds and swaps in the job's state, a live
// region, so screen readers hear "Rendering" / "Ready" without losing their place, and stops
// once the job has ended.
const region = document.querySelector("[data-render-job]");

if (region) {
  const seconds = Number(region.dataset.refreshSeconds || "3");
  let timer = null;

  const poll = async () => {
    try {
      const response = await fetch(window.location.href, {
        headers: { Accept: "text/html" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (!response.ok) return schedule();
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("[data-render-job]");
      if (!fresh) return schedule();
      if (fresh.dataset.state !== region.dataset.state) {
        region.innerHTML = fresh.innerHTML;
        region.dataset.state = fresh.dataset.state;
      }
      if (fresh.dataset.active === "true") schedule();
    } catch {
      schedule();
    }
  };

  const schedule = () => {
    timer = window.setTimeout(poll, seconds * 1000);
  };

  if (region.dataset.active === "true") schedule();
  window.addEventListener("pagehide", () => window.clearTimeout(timer));
}
