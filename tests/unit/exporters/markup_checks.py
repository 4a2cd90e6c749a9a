"""Assertions on exported markup: nothing that runs, loads or restyles survives."""

from __future__ import annotations

from lxml import etree

ACTIVE_ELEMENTS = {
    "script",
    "style",
    "iframe",
    "frame",
    "object",
    "embed",
    "svg",
    "math",
    "link",
    "base",
    "meta",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background"}
SAFE_META = {"charset", "name", "content"}


def local(name: object) -> str:
    return etree.QName(name).localname.lower() if isinstance(name, str) else ""


def assert_inert(root: etree._Element, *, allow_head: bool = False) -> None:
    """No script, style, frame or plugin element, no event handler, no non-web link anywhere under root."""
    for element in root.iter():
        tag = local(element.tag)
        if allow_head and tag == "meta" and set(element.attrib) <= SAFE_META:
            continue
        if allow_head and tag == "link" and element.get("rel") == "canonical":
            assert element.get("href", "").startswith("https://"), element.attrib
            continue
        assert tag not in ACTIVE_ELEMENTS, f"<{tag}> survived"
        for name, value in element.attrib.items():
            attribute = local(name)
            assert not attribute.startswith("on"), f"event handler {attribute}={value!r} survived"
            assert attribute != "style", "inline style survived"
            if attribute in URL_ATTRIBUTES:
                scheme = value.strip().lower().split(":", 1)[0] if ":" in value.split("/", 1)[0] else ""
                assert scheme in ("", "http", "https"), f"{attribute}={value!r} has scheme {scheme}"
