"""Sphinx configuration of the course site, built by ``tools/build_site.py`` (``make site``).

The pages are the notebooks' stored outputs, never re-executed (MyST-NB, execution off); everything
a page needs, MathJax included, is served from the site itself, so it reads offline.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Neural networks with TensorFlow and Keras"
author = "the course authors"
copyright = "the course authors: text and figures CC BY 4.0, code MIT"  # noqa: A001 (Sphinx's name)

extensions = [
    "myst_nb",
    "sphinx-mathjax-offline",  # MathJax 3 copied into _static/mathjax: typeset math without a CDN
    "output_alt_text",  # figures get the alt text stored with them (helpers.plotting)
    "setup_cell",  # the setup cell's code is not shown, its printed versions line is
]

# The stored outputs are what the site shows: nothing is executed.
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
nb_output_stderr = "show"
# A page has no kernel: slider widgets show their stored text (helpers.widgets.STATIC_TEXT) and
# figure, and no widget JavaScript is fetched from a CDN.
nb_ipywidgets_js: dict[str, dict[str, str]] = {}
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]

mathjax_path = "mathjax/tex-chtml.js"  # relative to _static (sphinx-mathjax-offline puts it there)

exclude_patterns = ["**.ipynb_checkpoints"]
suppress_warnings = ["image.not_readable", "image.nonlocal_uri"]  # the remote Colab badge image

html_theme = "sphinx_book_theme"
html_title = "Neural networks with TensorFlow and Keras"
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_js_files = ["a11y.js"]  # the search buttons named by their visible text (axe-core)
html_sourcelink_suffix = ""  # the download button serves NN_name.ipynb, not NN_name.ipynb.txt
html_context = {"default_mode": "auto"}  # light or dark as the reader's system prefers; a switch
html_theme_options = {
    "home_page_in_toc": True,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "show_toc_level": 2,
    "show_navbar_depth": 1,
    "secondary_sidebar_items": {"**": ["page-toc"], "index": []},  # the series table gets the width
}
html_last_updated_fmt = None
