"""Start-up time the build's processes do without.

jsonschema (imported by nbformat, so by papermill and Jupyter Book) imports ``rfc3987_syntax``
when it is installed, to check the ``iri`` string format; that import compiles some forty Lark
grammars and takes about 2 s (python-jsonschema/jsonschema#1428). It is installed here because
JupyterLab's jupyter-events asks for ``jsonschema[format-nongpl]``. No schema the build validates
(notebooks, Jupyter Book's configuration) uses the ``iri`` formats, and none is validated with a
format checker, so the build's processes skip that import: jsonschema then has no checker for
``iri``, and everything else is as before.
"""

from __future__ import annotations

import sys


def skip_iri_format_checker() -> None:
    """Make ``import rfc3987_syntax`` fail (jsonschema catches the ImportError); call it before
    jsonschema is imported. Nothing changes in a process that has imported it already."""
    sys.modules.setdefault("rfc3987_syntax", None)


def jupyter_book_main() -> None:
    """Jupyter Book's command line (``python -m fiscalbook.build.quickimport build …``)."""
    skip_iri_format_checker()
    from jupyter_book.cli.main import main

    main()


if __name__ == "__main__":
    jupyter_book_main()
