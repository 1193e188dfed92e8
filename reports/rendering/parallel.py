"""Lay out a long report in two processes and stitch the parts into one tagged PDF.

WeasyPrint is single-threaded; a 120-page report takes ~10 s in one process here. The chapters
start on new pages, so their layout does not depend on what comes before them:

1. a forked child lays out and writes a middle run of chapters, the parent the chapters before
   and after it (without page numbers in the footer), chosen so both have about the same work
   (`_split`); the parent also measures the cover and contents pages;
2. with every part's page count and every chapter's first page known, the parent renders the
   cover and contents with literal page numbers, and a tiny footer-only document with
   "Page N of M" for the chapter pages;
3. pikepdf stitches: pages appended, the structure trees merged under one Document element
   (StructParents renumbered, parent tree merged), named destinations and bookmarks rebuilt,
   and each chapter page gets its footer as an /Artifact (fonts embedded, not tagged content).

The result is as accessible as the single-process PDF (tagged, /Lang, title, bookmarks) and
deterministic for the same snapshot.
"""

import ctypes
import io
import os
import pickle
import signal

from reports.rendering import pdf

# Below this much section HTML, one process is quicker than forking and stitching.
PARALLEL_MIN_HTML = 200_000

# Layout cost in "characters of HTML": measured on the bench report (bench/render_report.py),
# time grows with the text and more steeply with the elements (table cells, chart shapes):
# one element costs about as much as 28 characters, a document of its own about 4,500 (CSS,
# fonts, page setup), and the contents about 500 per chapter listed.
ELEMENT_COST = 28
DOCUMENT_COST = 4_500
CONTENTS_COST_PER_CHAPTER = 500


def should_split(sections) -> bool:
    return len(sections) >= 4 and sum(len(s.get("html") or "") for s in sections) >= PARALLEL_MIN_HTML


def layout_cost(section) -> int:
    html = section.get("html") or ""
    return len(html) + ELEMENT_COST * html.count("<") + 200


def _split(sections):
    """(head, middle, tail): the child lays out the middle run of chapters, the parent the
    head and the tail (each its own document) plus the cover and contents.

    A two-way cut at a chapter boundary cannot balance a report whose biggest chapter (the
    scorecard, say) sits near one end; a middle run can. Every (start, end) is tried and the
    one with the smaller of the two processes' loads kept (n ≤ a few hundred chapters)."""
    costs = [layout_cost(section) for section in sections]
    prefix = [0]
    for cost in costs:
        prefix.append(prefix[-1] + cost)
    total = prefix[-1]
    front = DOCUMENT_COST + CONTENTS_COST_PER_CHAPTER * len(sections)
    best = None
    for start in range(len(sections)):
        for end in range(start + 1, len(sections) + 1):
            if start == 0 and end == len(sections):
                continue  # the parent must have something to do besides the contents
            middle = prefix[end] - prefix[start]
            parent_documents = (start > 0) + (end < len(sections))
            parent = front + total - middle + DOCUMENT_COST * parent_documents
            load = (max(middle + DOCUMENT_COST, parent), parent_documents)
            if best is None or load < best[0]:
                best = (load, start, end)
    _load, start, end = best
    return sections[:start], sections[start:end], sections[end:]


def _render_part(snapshot, sections):
    """(pdf bytes, page count, {anchor: page index}) of a group of chapters, no page numbers."""
    html = pdf.build_html(snapshot, sections=sections, with_front=False, page_numbers=False)
    document = pdf.html_document(html).render()
    anchors = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    return pdf._write(document, snapshot), len(document.pages), anchors


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with(parent_pid):
    """Ask Linux to kill this process when the one that forked it dies: a worker killed
    mid-render must not leave an orphan laying out pages (and holding the worker's copy of
    its database socket) until it finishes."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the orphan finishes, then exits
        return
    if os.getppid() != parent_pid:  # the parent died before the request was made
        os._exit(1)


def _fork(func, *args):
    read_fd, write_fd = os.pipe()
    parent_pid = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: render, send the result, leave without running any cleanup
        # Whatever happens (even the parent gone and the pipe broken), the child must never
        # return into the caller's code: in a Celery worker that would be a second worker.
        code = 1
        try:
            _die_with(parent_pid)
            os.close(read_fd)
            try:
                payload = pickle.dumps(("ok", func(*args)))
            except BaseException as exc:  # noqa: BLE001 (reported to the parent)
                payload = pickle.dumps(("error", f"{exc.__class__.__name__}: {exc}"))
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def _join(pid, read_fd):
    with os.fdopen(read_fd, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    if not payload:
        raise RuntimeError("the render process for part of the report died")
    status, value = pickle.loads(payload)  # noqa: S301 (our own child's output)  # nosec: B301, B403
    if status != "ok":
        raise RuntimeError(f"part of the report failed to render: {value}")
    return value


def _front(snapshot, sections, toc_pages=None, total=None):
    html = pdf.build_html(snapshot, sections=[], toc_pages=toc_pages, total_pages=total, toc_targets=True)
    # The contents lists every chapter although this document holds none of them; the
    # empty targets (toc_targets) let WeasyPrint make the links, which the stitch re-aims.
    return pdf.html_document(html).render()


def _footers(first_page, count, total):
    """An untagged PDF of `count` blank pages whose footers read "Page N of total"."""
    blank = '<div class="blank"></div>' * count
    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>footers</title>'
        f'<link rel="stylesheet" href="{pdf.static_url("reports/pdf/report.css")}"><style>'
        "@page { @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; }"
        f' @bottom-right {{ content: "Page " counter(page) " of {total}"; }} }}'
        f"@page :first {{ counter-reset: page {first_page}; }}"
        ".blank { break-after: page; height: 1px; } .blank:last-child { break-after: auto; }"
        f"</style></head><body>{blank}</body></html>"
    )
    document = pdf.html_document(html).render()
    return document.write_pdf()


def render_parallel(snapshot) -> bytes:
    sections = pdf.chapters(snapshot)
    head, middle, tail = _split(sections)
    pid, read_fd = _fork(_render_part, snapshot, middle)
    try:
        front_pages = len(_front(snapshot, sections).pages)
        head_part = _render_part(snapshot, head) if head else None
        tail_part = _render_part(snapshot, tail) if tail else None
    finally:
        middle_part = _join(pid, read_fd)
    parts = [part for part in (head_part, middle_part, tail_part) if part is not None]

    offsets, page = [], front_pages
    for _data, count, _anchors in parts:
        offsets.append(page)
        page += count
    total = page
    toc_pages = {}
    for (_data, _count, anchors), offset in zip(parts, offsets, strict=True):
        for section in sections:
            if section["anchor"] in anchors:
                toc_pages[section["anchor"]] = offset + anchors[section["anchor"]] + 1
    pid, read_fd = _fork(_footers, front_pages + 1, total - front_pages, total)
    try:
        front = _front(snapshot, sections, toc_pages=toc_pages, total=total)
        if len(front.pages) != front_pages:
            raise RuntimeError("the contents changed length once numbered")
        front_bytes = pdf._write(front, snapshot)
    finally:
        footers = _join(pid, read_fd)
    return _stitch(snapshot, front_bytes, [data for data, _c, _a in parts], footers, front_pages)


# --- stitching (pikepdf: qpdf does the object copying in C++) ------------------------------


def _named_dests(pdf_file):
    """{name: (page index, left, top)} of a PDF's flat /Dests name tree (WeasyPrint writes one)."""
    root = pdf_file.Root
    if "/Names" not in root or "/Dests" not in root.Names:
        return {}
    names = root.Names.Dests.get("/Names", [])
    index_of = {page.objgen: index for index, page in enumerate(pdf_file.pages)}
    out = {}
    for position in range(0, len(names), 2):
        dest = names[position + 1]
        out[str(names[position])] = (index_of[dest[0].objgen], float(dest[2]), float(dest[3]))
    return out


def _outline(pdf_file):
    """[(title, page index, children)] of a PDF's bookmarks."""
    index_of = {page.objgen: index for index, page in enumerate(pdf_file.pages)}

    def walk(items):
        out = []
        for item in items:
            dest = item.destination
            if isinstance(dest, str):
                dest = pdf_file.Root.Names.Dests  # not produced by WeasyPrint; keep page 0
                page = 0
            else:
                page = index_of.get(dest[0].objgen, 0) if dest is not None else 0
            out.append((item.title, page, walk(item.children)))
        return out

    with pdf_file.open_outline() as outline:
        return walk(outline.root)


def _add_outline(target, items, offset):
    from pikepdf import OutlineItem  # noqa: PLC0415

    made = []
    for title, page, children in items:
        node = OutlineItem(title, page + offset)
        node.children.extend(_add_outline(target, children, offset))
        made.append(node)
    return made


def _stamp(out, page, footer_form, number):
    """Draw the footer form on `page` as a pagination artifact, after the page's own content.
    The resource name is fixed by the page number (WeasyPrint's pages share one resource
    dictionary, and a random name would make the same snapshot give different bytes)."""
    import pikepdf  # noqa: PLC0415

    wrapped = pikepdf.Page(page)
    name = wrapped.add_resource(footer_form, pikepdf.Name.XObject, pikepdf.Name(f"/LscbFooter{number}"))
    wrapped.contents_add(pikepdf.Stream(out, b"q\n"), prepend=True)
    wrapped.contents_add(
        pikepdf.Stream(
            out, b"\nQ\nq /Artifact <</Type /Pagination /Subtype /Footer>> BDC " + str(name).encode() + b" Do EMC Q\n"
        )
    )


def _copy(out, obj):
    """A foreign object (direct or indirect) copied into `out`."""
    import pikepdf  # noqa: PLC0415

    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return out.copy_foreign(obj)
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_copy(out, item) for item in obj])
    if isinstance(obj, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(out, value) for key, value in obj.items()})
    return obj


def _stitch(snapshot, front_bytes, part_bytes, footers_bytes, front_pages):
    import pikepdf  # noqa: PLC0415

    out = pikepdf.open(io.BytesIO(front_bytes))
    struct_root = out.Root.StructTreeRoot
    document_element = struct_root.K[0] if isinstance(struct_root.K, pikepdf.Array) else struct_root.K
    nums = struct_root.ParentTree.Nums
    next_key = max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1
    dests = {name: value for name, value in _named_dests(out).items() if not name.startswith("section-")}
    outlines = [(_outline(out), 0)]
    footers = pikepdf.open(io.BytesIO(footers_bytes))
    footer_forms = [out.copy_foreign(pikepdf.Page(page).as_form_xobject()) for page in footers.pages]
    sources = []
    page_offset = front_pages
    footer_index = 0
    for data in part_bytes:
        source = pikepdf.open(io.BytesIO(data))
        sources.append(source)  # keep open until saved
        key_offset = next_key
        dests.update(
            {name: (index + page_offset, left, top) for name, (index, left, top) in _named_dests(source).items()}
        )
        outlines.append((_outline(source), page_offset))
        first_new = len(out.pages)
        out.pages.extend(source.pages)
        for index in range(first_new, len(out.pages)):
            page = out.pages[index].obj
            if "/StructParents" in page:
                page.StructParents = int(page.StructParents) + key_offset
            for annotation in page.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + key_offset
            _stamp(out, page, footer_forms[footer_index], index + 1)
            footer_index += 1
        part_root = source.Root.StructTreeRoot
        part_document = part_root.K[0] if isinstance(part_root.K, pikepdf.Array) else part_root.K
        kids = part_document.K if isinstance(part_document.K, pikepdf.Array) else [part_document.K]
        for kid in kids:
            copied = _copy(out, kid)
            copied.P = document_element
            document_element.K.append(copied)
        part_nums = part_root.ParentTree.Nums
        for position in range(0, len(part_nums), 2):
            key = int(part_nums[position]) + key_offset
            nums.append(key)
            nums.append(_copy(out, part_nums[position + 1]))
            next_key = max(next_key, key + 1)
        page_offset += len(source.pages)
    struct_root.ParentTreeNextKey = next_key

    names = pikepdf.Array()
    for name in sorted(dests):
        index, left, top = dests[name]
        names.append(pikepdf.String(name))
        names.append(pikepdf.Array([out.pages[index].obj, pikepdf.Name.XYZ, left, top, 0]))
    out.Root.Names = pikepdf.Dictionary(Dests=out.make_indirect(pikepdf.Dictionary(Names=names)))
    with out.open_outline() as outline:
        outline.root.clear()
        for items, offset in outlines:
            outline.root.extend(_add_outline(out, items, offset))
    target = io.BytesIO()
    # Deterministic: a fixed /ID from the snapshot, no new timestamps; object streams as WeasyPrint.
    identifier = pdf.snapshot_digest(snapshot)[:32].encode()
    out.trailer.ID = pikepdf.Array([pikepdf.String(identifier), pikepdf.String(identifier)])
    out.save(
        target,
        static_id=True,
        deterministic_id=False,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
        fix_metadata_version=False,
    )
    for source in sources:
        source.close()
    return target.getvalue()
