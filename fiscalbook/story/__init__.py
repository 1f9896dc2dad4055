"""The story layer: what a notebook imports to tell a chapter (``Chapter`` and its parts,
``fmt``, ``charts``, ``flows``, ``images``, ``style``). Imports the data, audit and extract
layers, never the build."""
