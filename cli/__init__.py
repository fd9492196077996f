"""The ``dateline`` command: a thin layer over the importers, the store and the browser."""
