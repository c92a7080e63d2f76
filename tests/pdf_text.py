"""Text of printed PDF pages, as a reader's copy-paste gives it: poppler's `pdftotext -raw` (content-stream order,
the order pypdf's extractor gives, ~12× faster on map pages), whitespace runs and non-breaking spaces as one space."""
from __future__ import annotations

import subprocess


def pdf_texts(path) -> list[str]:
    """One normalised text per page."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = out.split("\f")[:-1]  # every page ends with a form feed
    return [" ".join(p.replace("\u202f", " ").replace("\u00a0", " ").split()) for p in pages]


def pdf_text(path, page: int = 0) -> str:
    """The normalised text of one page."""
    return pdf_texts(path)[page]
