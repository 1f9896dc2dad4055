"""The build layer: executing the notebooks (``kernels``, ``notebooks``), the book and its
editions (``book``, ``editions``), the Sphinx extensions (``sphinx_*``), the PDF, fonts,
downloads, site checks, the teacher's guide and the benchmark. The top layer: nothing imports it."""
