"""Exporters: pure functions from an approved article (and its review record) to bytes.

Importing this package registers every format in ``FORMATS``; the PDF
exporter loads Qt only when it runs.
"""

# Each format module registers itself in FORMATS when imported.
from editor_app.exporters import docx as _docx
from editor_app.exporters import html as _html
from editor_app.exporters import markdown as _markdown
from editor_app.exporters import newsml as _newsml
from editor_app.exporters import ninjs as _ninjs
from editor_app.exporters import pdf as _pdf
from editor_app.exporters import plaintext as _plaintext
from editor_app.exporters import report as _report
from editor_app.exporters.base import (
    FORMATS,
    ExportContext,
    Exporter,
    ExportImage,
    Override,
    ReviewRecord,
    export,
    extension,
)

# Kept so the registering imports above read as used.
FORMAT_MODULES = (_docx, _html, _markdown, _newsml, _ninjs, _pdf, _plaintext, _report)

__all__ = [
    "FORMATS",
    "ExportContext",
    "ExportImage",
    "Exporter",
    "Override",
    "ReviewRecord",
    "export",
    "extension",
]
