"""Sphinx extension: give each notebook figure the alt text stored with it.

``helpers.plotting.install_alt_text`` (called by ``runtime.setup``) stores a figure's description
in its output's metadata, ``{"image/png": {"alt": "..."}}`` (the key nbconvert's HTML export reads).
MyST-NB names each image file after the SHA-256 of its bytes but takes only width and height from
that metadata, so this extension matches images to outputs by that hash and sets ``alt``.

It also replaces remote images in the notebooks' text (the Colab badge) by their alt text, so that a
page loads nothing from outside the site and reads the same offline.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

import nbformat
from docutils import nodes

IMAGE_TYPES = ("image/png", "image/jpeg")


def stored_alt_texts(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """Map the SHA-256 of each stored image to the alt text in its output's metadata."""
    texts: dict[str, str] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            for mime in IMAGE_TYPES:
                data = output.get("data", {}).get(mime)
                alt = (output.get("metadata", {}).get(mime) or {}).get("alt")
                if data and alt:
                    digest = hashlib.sha256(base64.b64decode(data)).hexdigest()
                    texts.setdefault(digest, str(alt))
    return texts


def add_alt_texts(app: Any, doctree: nodes.document) -> None:
    """On each notebook page, set ``alt`` on the images whose file name is a stored image's hash."""
    source = Path(app.env.doc2path(app.env.docname))
    if source.suffix != ".ipynb":
        return
    texts = stored_alt_texts(nbformat.read(source, as_version=4))
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        if uri.startswith(("http://", "https://", "//")):
            image.replace_self(
                nodes.inline(text=image.get("alt") or "image", classes=["remote-image"])
            )
            continue
        digest = Path(uri).stem
        if digest in texts and not image.get("alt"):
            image["alt"] = texts[digest]


def setup(app: Any) -> dict[str, Any]:
    app.connect("doctree-read", add_alt_texts)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
