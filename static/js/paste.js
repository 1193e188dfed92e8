// What is pasted from Word or a web page, reduced to its structure before the editor reads it.
// The editor's schema already drops what it has no place for (styles, classes, fonts); this file
// does what a schema cannot: Word's lists are paragraphs with a typed bullet ("mso-list"), its
// header rows are marked only in styles, and its headings start at h1 (the page's own title).

const BULLETS = /^[\u00b7\u2022\u25aa\u25cf\u25e6\u2013o\u00a7-]$/;
const NUMBERED = /^\(?([0-9]+|[a-z]|[ivxlcdm]+)[.)]$/i;

function isWord(html) {
  return /urn:schemas-microsoft-com:office|class="?Mso|content="?Microsoft Word|mso-/i.test(html);
}

function removeComments(root) {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((node) => node.remove());
}

function unwrap(node) {
  node.replaceWith(...node.childNodes);
}

// Office namespaces: <o:p>, <v:shape>, <w:sdt>… VML pictures go, the rest keeps its text.
function removeOfficeElements(root) {
  for (const node of Array.from(root.querySelectorAll("*"))) {
    const name = node.tagName.toLowerCase();
    if (!name.includes(":")) continue;
    if (name.startsWith("v:")) node.remove();
    else unwrap(node);
  }
}

function listInfo(paragraph) {
  const style = paragraph.getAttribute("style") || "";
  const className = paragraph.getAttribute("class") || "";
  if (!/mso-list:\s*l\d/i.test(style) && !/MsoListParagraph/i.test(className)) return null;
  const level = Number((style.match(/level(\d+)/i) || [0, 1])[1]);
  // Word writes the bullet or number as text in a span marked mso-list:Ignore.
  const marker = paragraph.querySelector('span[style*="mso-list:Ignore" i], span[style*="mso-list: Ignore" i]');
  let text = "";
  if (marker) {
    text = marker.textContent.replace(/\u00a0/g, " ").trim();
    marker.remove();
  } else {
    const match = paragraph.textContent.match(/^\s*(\S+)\s+/);
    if (match && (BULLETS.test(match[1]) || NUMBERED.test(match[1]))) {
      text = match[1];
      stripLeadingText(paragraph, match[0].length);
    }
  }
  const ordered = NUMBERED.test(text) && !BULLETS.test(text);
  return { level, ordered };
}

function stripLeadingText(node, length) {
  const walker = node.ownerDocument.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  let left = length;
  while (left > 0 && walker.nextNode()) {
    const text = walker.currentNode;
    const cut = Math.min(left, text.data.length);
    text.data = text.data.slice(cut);
    left -= cut;
  }
}

// Consecutive Word list paragraphs become <ul>/<ol>, nested by their mso-list level.
function rebuildWordLists(doc) {
  const paragraphs = Array.from(doc.body.querySelectorAll("p"));
  let stack = [];
  let previous = null;
  for (const paragraph of paragraphs) {
    const info = listInfo(paragraph);
    if (!info) {
      stack = [];
      previous = null;
      continue;
    }
    if (previous && previous.nextElementSibling !== paragraph) stack = [];
    const item = doc.createElement("li");
    item.append(...paragraph.childNodes);
    while (stack.length > info.level) stack.pop();
    while (stack.length < info.level) {
      const list = doc.createElement(info.ordered ? "ol" : "ul");
      if (stack.length === 0) paragraph.before(list);
      else {
        const parent = stack[stack.length - 1];
        (parent.lastElementChild || parent.appendChild(doc.createElement("li"))).append(list);
      }
      stack.push(list);
    }
    stack[stack.length - 1].append(item);
    // The placeholder keeps the "next sibling" test working for the following paragraph.
    const placeholder = doc.createElement("span");
    placeholder.dataset.listPlaceholder = "";
    paragraph.replaceWith(placeholder);
    previous = placeholder;
  }
  doc.body.querySelectorAll("[data-list-placeholder]").forEach((node) => node.remove());
}

// The section's headings are h2-h4 (its title is the chapter heading): Word's Heading 1 is the
// author's top level, so Word's levels move down one; a web page's h1 becomes h2.
function renameHeadings(doc, fromWord) {
  for (const heading of Array.from(doc.body.querySelectorAll("h1, h2, h3, h4, h5, h6"))) {
    const level = Number(heading.tagName[1]);
    const target = Math.min(4, Math.max(2, fromWord ? level + 1 : level));
    if (target === level) continue;
    const renamed = doc.createElement(`h${target}`);
    renamed.append(...heading.childNodes);
    heading.replaceWith(renamed);
  }
}

function isBold(cell) {
  const text = cell.textContent.trim();
  if (!text) return true;
  const bold = Array.from(cell.querySelectorAll("b, strong"))
    .map((node) => node.textContent.trim())
    .join("");
  return bold.replace(/\s+/g, "") === text.replace(/\s+/g, "");
}

// A first row is a header row when Word says so (repeat header row: mso-yfti-firstrow, or a
// <thead>) or every cell in it is bold.
function markHeaderRows(doc, fromWord) {
  for (const table of Array.from(doc.body.querySelectorAll("table"))) {
    const first = table.querySelector("tr");
    if (!first) continue;
    const cells = Array.from(first.children);
    const style = first.getAttribute("style") || "";
    const header =
      first.parentElement.tagName === "THEAD" ||
      (fromWord && /mso-yfti-irow:\s*-1/i.test(style)) ||
      cells.every((cell) => cell.tagName === "TH") ||
      (cells.length > 0 && cells.every(isBold));
    if (!header) continue;
    for (const cell of cells) {
      if (cell.tagName === "TH") continue;
      const th = doc.createElement("th");
      th.append(...cell.childNodes);
      for (const name of ["colspan", "rowspan"]) if (cell.hasAttribute(name)) th.setAttribute(name, cell.getAttribute(name));
      cell.replaceWith(th);
    }
  }
}

export function cleanPastedHTML(html) {
  const fromWord = isWord(html);
  const doc = new DOMParser().parseFromString(html, "text/html");
  // What the page did not show (a closed cookie banner) and its controls are not content.
  doc
    .querySelectorAll(
      'style, script, meta, link, title, xml, template, iframe, object, embed, button, input, select, textarea, form, nav, noscript, [hidden], [aria-hidden="true"], [style*="display: none"], [style*="display:none"]',
    )
    .forEach((n) => n.remove());
  removeComments(doc.body);
  removeOfficeElements(doc.body);
  if (fromWord) rebuildWordLists(doc);
  markHeaderRows(doc, fromWord);
  renameHeadings(doc, fromWord);
  // A picture Word has only on the author's disk (file:) cannot be kept, and one on another site
  // would be blocked by the page's CSP and by the PDF renderer: only pictures carried in the text
  // (data:) stay. Word upload is the way to bring a document's pictures.
  doc.body.querySelectorAll("img").forEach((img) => {
    if (!/^data:image\//i.test(img.getAttribute("src") || "")) img.remove();
  });
  for (const node of Array.from(doc.body.querySelectorAll("*"))) {
    for (const attribute of Array.from(node.attributes)) {
      const keep = { a: ["href"], img: ["src", "alt"], th: ["colspan", "rowspan"], td: ["colspan", "rowspan"], ol: ["start"] };
      if (!(keep[node.tagName.toLowerCase()] || []).includes(attribute.name)) node.removeAttribute(attribute.name);
    }
  }
  return doc.body.innerHTML;
}
