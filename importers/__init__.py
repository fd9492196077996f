"""Importers: read files into documents, extract what they report, hand the results to the store.

Nothing here imports textual: extraction runs headless, in worker processes or elsewhere.
"""

from pathlib import Path

SAMPLES_DIR = Path(__file__).parent / "samples"


def sample_files() -> list[str]:
    """The bundled sample corpus (written for this project), as paths to import."""
    return [str(p) for p in sorted(SAMPLES_DIR.iterdir()) if p.is_file()]
