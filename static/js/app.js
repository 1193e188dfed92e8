// Progressive enhancement only: every page works without this file.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// The rich-text editor is loaded only on pages with a rich-text box (it is ~550 kB).
if (document.querySelector("textarea[data-rich-text]")) {
  import("./rich_text.js").then((module) => module.initAll());
}
