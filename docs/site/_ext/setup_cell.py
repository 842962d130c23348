"""Sphinx extension: a notebook page shows the setup cell's printed line, not its code.

The setup cell (tagged ``setup`` by tools/format_notebooks.py, collapsed in Jupyter and Colab) is
plumbing: 30 lines that install ``helpers`` where needed and fix the seeds. On the site its code
would be the first thing a page shows, before the lesson; this removes it at build time (as the
``remove-input`` cell tag would), keeping its output, the versions-and-device line. The notebooks
themselves, and the copies the site offers for download, are not changed.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

SETUP_CLASS = "tag_setup"  # MyST-NB gives a cell's container one class per tag: tag_<tag>


def remove_setup_code(app: Any, doctree: nodes.document) -> None:
    """Drop the code of every cell tagged ``setup``; its outputs stay."""
    for cell in list(doctree.findall(nodes.container)):
        if cell.get("nb_element") != "cell_code" or SETUP_CLASS not in cell["classes"]:
            continue
        for child in list(cell.children):
            if child.get("nb_element") == "cell_code_source":
                cell.remove(child)


def setup(app: Any) -> dict[str, Any]:
    app.connect("doctree-read", remove_setup_code)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
