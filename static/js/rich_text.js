// The rich-text editor (docs/adr/0007-rich-text-editor.md). It enhances every textarea[data-rich-text]:
// the textarea stays in the form, hidden, and holds the editor's HTML; without this file it is a
// plain box with the plain-text convention (lscb/plain_text.py).
//
// The schema below makes exactly the elements lscb/sanitise.py keeps (its ALLOWED_TAGS), so what the
// editor writes comes through the server's sanitiser unchanged (lscb/tests/test_editor_schema.py).
import {
  Blockquote,
  Bold,
  BulletList,
  Document,
  Editor,
  Gapcursor,
  HardBreak,
  Heading,
  Image,
  Italic,
  Link,
  ListItem,
  OrderedList,
  Paragraph,
  Subscript,
  Superscript,
  Table,
  TableCell,
  TableHeader,
  TableRow,
  Text,
  TrailingNode,
  Underline,
  UndoRedo,
} from "../django_prose_editor/editor.js";
import { cleanPastedHTML } from "./paste.js";

// The heading levels the PDF styles (reports/static/reports/pdf/report.css, .chapter-body).
const LEVELS = [2, 3, 4];

const BUTTONS = [
  { name: "h2", label: "Heading", toggle: true, run: (c) => c.toggleHeading({ level: 2 }), active: (e) => e.isActive("heading", { level: 2 }) },
  { name: "h3", label: "Subheading", toggle: true, run: (c) => c.toggleHeading({ level: 3 }), active: (e) => e.isActive("heading", { level: 3 }) },
  { name: "h4", label: "Minor heading", toggle: true, run: (c) => c.toggleHeading({ level: 4 }), active: (e) => e.isActive("heading", { level: 4 }) },
  { name: "bold", label: "Bold", keys: "Control+B", toggle: true, run: (c) => c.toggleBold(), active: (e) => e.isActive("bold") },
  { name: "italic", label: "Italic", keys: "Control+I", toggle: true, run: (c) => c.toggleItalic(), active: (e) => e.isActive("italic") },
  { name: "bullets", label: "Bulleted list", toggle: true, run: (c) => c.toggleBulletList(), active: (e) => e.isActive("bulletList") },
  { name: "numbers", label: "Numbered list", toggle: true, run: (c) => c.toggleOrderedList(), active: (e) => e.isActive("orderedList") },
  { name: "link", label: "Link", toggle: true, run: null, active: (e) => e.isActive("link") },
  { name: "table", label: "Insert table", run: (c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }), enabled: (e) => !e.isActive("table") },
  { name: "row", label: "Add row", run: (c) => c.addRowAfter(), enabled: (e) => e.isActive("table") },
  { name: "column", label: "Add column", run: (c) => c.addColumnAfter(), enabled: (e) => e.isActive("table") },
  { name: "delete-row", label: "Delete row", run: (c) => c.deleteRow(), enabled: (e) => e.isActive("table") },
  { name: "delete-column", label: "Delete column", run: (c) => c.deleteColumn(), enabled: (e) => e.isActive("table") },
  { name: "delete-table", label: "Delete table", run: (c) => c.deleteTable(), enabled: (e) => e.isActive("table") },
  { name: "undo", label: "Undo", keys: "Control+Z", run: (c) => c.undo(), enabled: (e) => e.can().undo() },
  { name: "redo", label: "Redo", keys: "Control+Shift+Z", run: (c) => c.redo(), enabled: (e) => e.can().redo() },
];

// The HTML the server keeps: tables with their header row in <thead> (the PDF repeats it on every
// page), no inline styles or column widths (the sanitiser drops them), links as nh3 writes them.
// The attributes lscb/sanitise.py keeps (ALLOWED_ATTRIBUTES); every other one the editor adds
// (data-type on lists, widths, styles) is left out here rather than dropped by the server.
const ATTRIBUTES = {
  a: ["href", "rel"],
  img: ["src", "alt", "width", "height"],
  ol: ["start"],
  th: ["scope", "colspan", "rowspan"],
  td: ["colspan", "rowspan"],
};

export function canonicalHTML(html) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  doc.querySelectorAll("colgroup").forEach((node) => node.remove());
  for (const node of Array.from(doc.body.querySelectorAll("*"))) {
    const keep = ATTRIBUTES[node.tagName.toLowerCase()] || [];
    for (const attribute of Array.from(node.attributes)) {
      if (!keep.includes(attribute.name)) node.removeAttribute(attribute.name);
    }
  }
  doc.querySelectorAll("th, td").forEach((cell) => {
    for (const name of ["colspan", "rowspan"]) {
      if (cell.getAttribute(name) === "1") cell.removeAttribute(name);
    }
  });
  doc.querySelectorAll("table").forEach((table) => {
    const first = table.querySelector("tr");
    if (!first || table.tHead) return;
    const cells = Array.from(first.children);
    if (cells.length && cells.every((cell) => cell.tagName === "TH")) {
      const head = doc.createElement("thead");
      head.append(first);
      table.insertBefore(head, table.firstChild);
    }
  });
  doc.querySelectorAll("thead th").forEach((cell) => cell.setAttribute("scope", "col"));
  // href first, then rel: the order nh3 writes them in.
  doc.querySelectorAll("a").forEach((link) => {
    const href = link.getAttribute("href");
    link.removeAttribute("rel");
    link.removeAttribute("href");
    if (href !== null) link.setAttribute("href", href);
    link.setAttribute("rel", "noopener noreferrer");
  });
  return doc.body.innerHTML;
}

function wordCount(editor) {
  const text = editor.getText({ blockSeparator: " " }).trim();
  return text ? text.split(/\s+/).length : 0;
}

function toolbarButton(spec, controls) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govuk-button--secondary lscb-editor__button";
  button.dataset.command = spec.name;
  button.textContent = spec.label;
  button.setAttribute("aria-controls", controls);
  if (spec.keys) button.setAttribute("aria-keyshortcuts", spec.keys);
  if (spec.toggle) button.setAttribute("aria-pressed", "false");
  button.tabIndex = -1;
  return button;
}

function editLink(editor) {
  const current = editor.getAttributes("link").href || "https://";
  // A native prompt: keyboard and screen reader users get the browser's own accessible dialog.
  const href = window.prompt("Link address (leave empty to remove the link)", current);
  if (href === null) return;
  const chain = editor.chain().focus().extendMarkRange("link");
  if (href.trim() === "" || href.trim() === "https://") chain.unsetLink().run();
  else chain.setLink({ href: href.trim() }).run();
}

export function enhance(textarea) {
  if (textarea.dataset.richTextReady) return null;
  textarea.dataset.richTextReady = "true";
  const id = textarea.id;
  const label = document.querySelector(`label[for="${id}"]`);
  if (label && !label.id) label.id = `${id}_label`;

  const wrapper = document.createElement("div");
  wrapper.className = "lscb-editor";
  const toolbar = document.createElement("div");
  toolbar.className = "lscb-editor__toolbar";
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", `Format: ${label ? label.textContent.trim() : "text"}`);
  toolbar.setAttribute("aria-controls", `${id}_editor`);
  const mount = document.createElement("div");
  mount.className = "lscb-editor__content";
  if (textarea.classList.contains("govuk-textarea--error")) mount.classList.add("lscb-editor__content--error");
  const count = document.createElement("p");
  count.className = "govuk-body-s lscb-editor__count";
  count.id = `${id}_count`;
  wrapper.append(toolbar, mount, count);
  textarea.after(wrapper);
  textarea.hidden = true;

  const buttons = BUTTONS.map((spec) => {
    const button = toolbarButton(spec, `${id}_editor`);
    toolbar.append(button);
    return { spec, button };
  });

  const describedBy = [textarea.getAttribute("aria-describedby"), count.id].filter(Boolean).join(" ");
  const editor = new Editor({
    element: mount,
    // No <style> element of Tiptap's own: the CSP allows only our stylesheets (static/css/lscb.css).
    injectCSS: false,
    content: textarea.value,
    extensions: [
      Document,
      Paragraph,
      Text,
      HardBreak,
      Heading.configure({ levels: LEVELS }),
      Bold,
      Italic,
      Underline,
      Subscript,
      Superscript,
      BulletList,
      OrderedList,
      ListItem,
      Blockquote,
      Link.configure({
        openOnClick: false,
        autolink: false,
        protocols: ["mailto"],
        HTMLAttributes: { target: null, rel: "noopener noreferrer", class: null },
      }),
      // Pictures arrive with a Word upload (data: URLs); the editor keeps them, with their alt text.
      Image.configure({ inline: true, allowBase64: true }),
      Table.configure({ resizable: false }),
      TableRow,
      TableHeader,
      TableCell,
      Gapcursor,
      // Always a paragraph after a table at the end, so the cursor can leave it.
      TrailingNode,
      UndoRedo,
    ],
    editorProps: {
      attributes: {
        id: `${id}_editor`,
        class: "lscb-editor__prosemirror lscb-section-text",
        role: "textbox",
        "aria-multiline": "true",
        ...(label ? { "aria-labelledby": label.id } : { "aria-label": "Text" }),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      },
      transformPastedHTML: cleanPastedHTML,
      // A paste that starts with a heading, list or table keeps it whole: ProseMirror would
      // otherwise pour its first block's text into the paragraph the cursor is in.
      transformPasted: (slice) => {
        const first = slice.content.firstChild;
        if (!first || first.type.name === "paragraph" || slice.openStart === 0) return slice;
        return new slice.constructor(slice.content, 0, slice.openEnd);
      },
    },
  });

  const sync = () => {
    textarea.value = editor.isEmpty ? "" : canonicalHTML(editor.getHTML());
    const words = wordCount(editor);
    count.textContent = `${words} word${words === 1 ? "" : "s"}`;
  };
  const refresh = () => {
    for (const { spec, button } of buttons) {
      if (spec.toggle) button.setAttribute("aria-pressed", String(Boolean(spec.active(editor))));
      if (spec.enabled) button.disabled = !spec.enabled(editor);
    }
    fixRovingFocus();
  };

  // One tab stop for the whole toolbar (the WAI-ARIA toolbar pattern): arrows move along it.
  let current = 0;
  const focusable = () => buttons.filter(({ button }) => !button.disabled).map(({ button }) => button);
  function fixRovingFocus() {
    const list = focusable();
    if (!list.includes(buttons[current].button)) current = buttons.indexOf(buttons.find(({ button }) => button === list[0]));
    buttons.forEach(({ button }, index) => {
      button.tabIndex = index === current ? 0 : -1;
    });
  }
  toolbar.addEventListener("keydown", (event) => {
    const list = focusable();
    const at = list.indexOf(document.activeElement);
    let next = null;
    if (event.key === "ArrowRight") next = list[(at + 1) % list.length];
    else if (event.key === "ArrowLeft") next = list[(at - 1 + list.length) % list.length];
    else if (event.key === "Home") next = list[0];
    else if (event.key === "End") next = list[list.length - 1];
    else if (event.key === "Escape") editor.commands.focus();
    if (next) {
      event.preventDefault();
      current = buttons.findIndex(({ button }) => button === next);
      fixRovingFocus();
      next.focus();
    }
  });
  for (const { spec, button } of buttons) {
    // Keep the selection in the text when a button is clicked with the mouse.
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", () => {
      current = buttons.findIndex((item) => item.button === button);
      if (spec.name === "link") editLink(editor);
      else spec.run(editor.chain().focus()).run();
      refresh();
    });
  }
  // Alt+F10 from the text moves to the toolbar (as in most word processors' accessible editors).
  mount.addEventListener("keydown", (event) => {
    if (event.altKey && event.key === "F10") {
      event.preventDefault();
      fixRovingFocus();
      buttons[current].button.focus();
    }
  });
  if (label) label.addEventListener("click", () => editor.commands.focus());

  editor.on("update", () => {
    sync();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  });
  editor.on("selectionUpdate", refresh);
  editor.on("transaction", refresh);
  sync();
  refresh();

  const mode = document.getElementById(`${id}_mode`);
  if (mode) {
    mode.replaceChildren();
    const note = document.createElement("p");
    note.className = "govuk-body-s";
    note.innerHTML =
      "<strong>Editor mode.</strong> Use the toolbar above the text (Alt+F10 moves to it from the text, " +
      "the arrow keys along it, Escape back), or Ctrl+B for bold and Ctrl+I for italic. " +
      "Pasting from Word or a web page keeps headings, lists, tables and links.";
    mode.append(note);
  }
  return editor;
}

// A page whose form holds typed text warns before the person leaves it without saving.
function warnBeforeLeaving(form) {
  if (form.dataset.unsavedWarning) return;
  form.dataset.unsavedWarning = "true";
  let dirty = Boolean(form.closest("[data-unsaved-on-load]") || document.querySelector("[data-unsaved-on-load]"));
  form.addEventListener("input", () => {
    dirty = true;
  });
  form.addEventListener("submit", () => {
    dirty = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = "";
  });
}

export function initAll(root = document) {
  root.querySelectorAll("textarea[data-rich-text]").forEach((textarea) => {
    enhance(textarea);
    if (textarea.form) warnBeforeLeaving(textarea.form);
  });
}
