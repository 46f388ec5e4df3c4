"""Constants shared by every stage: namespaces, default paths, limits.

One place for them so that a path or an IRI base is never spelled twice.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def _ontology_dir() -> Path:
    """Knowledge as data: ontology, shapes, gazetteer, lexicons, curated queries.

    ``$MIGRASI_KG_ONTOLOGY`` (a researcher's own copy), else the checkout's
    ``ontology/``, else the copy a wheel installs under ``<prefix>/share/migrasi-kg``
    (pyproject ``data-files``), so ``pip install migrasi-kg`` works on Dask workers.
    """
    if env := os.environ.get("MIGRASI_KG_ONTOLOGY"):
        return Path(env)
    checkout = PROJECT_DIR / "ontology"
    installed = Path(sys.prefix) / "share" / "migrasi-kg" / "ontology"
    return installed if not checkout.is_dir() and installed.is_dir() else checkout


ONTOLOGY_DIR = _ontology_dir()
ONTOLOGY_FILE = ONTOLOGY_DIR / "migrasi.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
GAZETTEER_DIR = ONTOLOGY_DIR / "gazetteer"
LEXICON_DIR = ONTOLOGY_DIR / "lexicon"
QUERIES_DIR = ONTOLOGY_DIR / "queries"
BOILERPLATE_FILE = ONTOLOGY_DIR / "boilerplate.yaml"

#: The bundled sample corpus that `make demo` builds.
SAMPLE_CORPUS_DIR = PROJECT_DIR / "corpus" / "sample"

#: Default build target; every reading command defaults to the last build here.
DEFAULT_OUT = Path("output")

#: RDF namespaces. The ontology (T-box) and the data (A-box) have separate bases.
ONTOLOGY_NS = "https://w3id.org/migrasi-kg/ontology#"
DATA_NS = "https://w3id.org/migrasi-kg/id/"

#: Corpus reading limits (overridable on the command line).
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ARTICLE_CHARS = 2_000_000
