"""The audit layer: identities and inequalities checked (``rules``), years compared within a
place (``series``), and which figures the chapters use (``usage``). Imports only the data layer."""
