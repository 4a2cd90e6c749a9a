"""NewsML-G2 export: one text ``newsItem`` (IPTC NewsML-G2 2.35, power conformance).

Item and content metadata carry the headline, byline and dates; each picture
gets a ``partMeta`` with its caption (``description role="drol:caption"``) and
``creditline``; the story itself is XHTML in ``inlineXML``, with the same
figures, captions and credits as the HTML export.
"""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker
from lxml.etree import _Element

from editor_app.domain import Article
from editor_app.exporters.base import (
    ExportContext,
    Figure,
    authors,
    byline,
    figures,
    iso_utc,
    item_uri,
    register,
    revision,
)
from editor_app.exporters.html import LANGUAGE, body_elements, header_elements
from editor_app.exporters.sanitize import clean_inline

NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"
STANDARD_VERSION = "2.35"

N = ElementMaker(namespace=NAR, nsmap={None: NAR})
X = ElementMaker(namespace=XHTML, nsmap={None: XHTML})


def _xhtml(article: Article, ctx: ExportContext) -> _Element:
    headline = clean_inline(article.headline)
    story = X.article("\n", *header_elements(X, article), *body_elements(X, article, ctx))
    story.tail = "\n"
    head = X.head(X.title(headline))
    head.tail = "\n"
    body = X.body("\n", story)
    body.tail = "\n"
    return X.html({XML_LANG: LANGUAGE}, "\n", head, body)


def _part(number: int, fig: Figure) -> _Element:
    meta: list[_Element] = []
    if fig.credit:
        meta.append(N.creditline(fig.credit))
    if fig.caption:
        meta.append(N.description({"role": "drol:caption"}, fig.caption))
    if fig.src:
        meta.append(N.link({"rel": "irel:seeAlso", "href": fig.src}))
    return N.partMeta({"partid": f"picture{number}", "seq": str(number)}, *meta)


def _content_meta(article: Article) -> _Element:
    meta: list[_Element] = []
    if article.published is not None:
        meta.append(N.contentCreated(iso_utc(article.published)))
    if article.updated is not None:
        meta.append(N.contentModified(iso_utc(article.updated)))
    meta.extend(N.creator(N.name(name)) for name in authors(article))
    meta.append(N.language({"tag": LANGUAGE}))
    meta.append(N.headline(clean_inline(article.headline)))
    if names := byline(article):
        meta.append(N.by(f"By {names}"))
    return N.contentMeta(*meta)


@register("newsml", ".xml", "application/vnd.iptc.g2.newsitem+xml")
def export_newsml(article: Article, ctx: ExportContext) -> bytes:
    organisation = ctx.record.organisation if ctx.record is not None else "editor_app desk"
    item_meta = [
        N.itemClass({"qcode": "ninat:text"}),
        N.provider({"literal": organisation}),
        N.versionCreated(iso_utc(ctx.generated_at)),
    ]
    if article.published is not None:
        item_meta.append(N.firstCreated(iso_utc(article.published)))
    item_meta += [N.pubStatus({"qcode": "stat:usable"}), N.generator({"versioninfo": "1"}, "editor_app")]
    item = N.newsItem(
        {
            "guid": item_uri(article, ctx),
            "version": str(revision(article, ctx)),
            "standard": "NewsML-G2",
            "standardversion": STANDARD_VERSION,
            "conformance": "power",
            XML_LANG: LANGUAGE,
        },
        N.catalogRef({"href": CATALOG}),
        N.itemMeta(*item_meta),
        _content_meta(article),
        *(_part(number, fig) for number, fig in enumerate(figures(article, ctx), start=1)),
        N.contentSet(inline := N.inlineXML({"contenttype": "application/xhtml+xml"})),
    )
    # Indent the metadata only: whitespace added inside the XHTML would change its text.
    etree.indent(item, space="  ")
    inline.text = "\n"
    inline.append(_xhtml(article, ctx))
    inline[0].tail = "\n    "
    return etree.tostring(item, xml_declaration=True, encoding="UTF-8") + b"\n"
