"""Start-up time the build's processes do without.

jsonschema (imported by nbformat, so by papermill and Jupyter Book) imports ``rfc3987_syntax``
when it is installed, to check the ``iri`` string format; that import compiles some forty Lark
grammars and takes about 2 s (python-jsonschema/jsonschema#1428). It is installed here because
JupyterLab's jupyter-events asks for ``jsonschema[format-nongpl]``. No schema the build validates
(notebooks, Jupyter Book's configuration) uses the ``iri`` formats, and none is validated with a
format checker, so the build's processes skip that import: jsonschema then has no checker for
``iri``, and everything else is as before.

A run given ``FISCALBOOK_CPU_SECONDS`` (a file path) writes there the processor seconds it used,
when it exits: the build starts the edition whose Sphinx run costs most first (``book.build``).

MyST-NB imports its execution clients, and with them jupyter-cache and SQLAlchemy (0.35 s), in
every Sphinx process, though the build's Sphinx runs execute nothing (the build executes the
notebooks itself): Jupyter Book's processes get stand-ins that import a real client the moment a
book asks for one (the benchmark's baseline, which forces execution, then loads the direct one).
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys
import time
import types

# MyST-NB's clients whose modules import jupyter-cache (and so SQLAlchemy) when MyST-NB loads
DEFERRED_CLIENTS = (("myst_nb.core.execute.cache", "NotebookClientCache"),
                    ("myst_nb.core.execute.direct", "NotebookClientDirect"))


def skip_iri_format_checker() -> None:
    """Make ``import rfc3987_syntax`` fail (jsonschema catches the ImportError); call it before
    jsonschema is imported. Nothing changes in a process that has imported it already."""
    sys.modules.setdefault("rfc3987_syntax", None)


def defer_execution_clients() -> None:
    """Put stand-ins for MyST-NB's execution clients that import jupyter-cache in place; call it
    before MyST-NB is imported. A stand-in's client class imports the real module when called."""
    for module, name in DEFERRED_CLIENTS:
        if module not in sys.modules:
            sys.modules[module] = _stand_in(module, name)


def _stand_in(module: str, name: str) -> types.ModuleType:
    def load_real(cls: type, *args: object, **kwargs: object) -> object:
        del sys.modules[module]
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    stand_in = types.ModuleType(module, "Stand-in until a book asks for this execution (quickimport).")
    setattr(stand_in, name, type(name, (), {"__new__": load_real}))
    return stand_in


CPU_SECONDS = "FISCALBOOK_CPU_SECONDS"  # where a run writes the processor seconds it used


def _write_cpu_seconds(path: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"{time.process_time():.2f}")


def jupyter_book_main() -> None:
    """Jupyter Book's command line (``python -m fiscalbook.build.quickimport build …``)."""
    if os.environ.get(CPU_SECONDS):
        atexit.register(_write_cpu_seconds, os.environ[CPU_SECONDS])
    skip_iri_format_checker()
    defer_execution_clients()
    from jupyter_book.cli.main import main

    main()


if __name__ == "__main__":
    jupyter_book_main()
