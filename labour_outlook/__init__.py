"""labour_outlook: mbo programmes, labour-market prospects and an interest-based recommender.

A plain library (no Rasa) with a CLI: ``python -m labour_outlook --help``. Nothing is read or
loaded on import; the catalogue, the prospects and the model load on first use and are cached.

Exceptions (every error a user can cause is one of these)::

    LabourOutlookError
     +-- UnknownCrebo          str(e) == "onbekende opleidingscode 12345"
     |    +-- RetiredCrebo     an old official code that no current programme continues
     +-- InvalidSituation      not a vmbo leerweg or mbo niveau 1-4
     +-- InvalidRiasec         letters other than RIASEC, or no positive weight
     +-- InvalidComparison     compare() needs 2 to 4 different programmes
     +-- DataError             a shipped or imported data file cannot be read
     +-- UnsupportedFormat     an import file that is not .csv/.tsv/.xlsx
     +-- ImportFailed          bad rows in an import file (.errors: list[RowError]); nothing imported
          +-- MissingColumns   required columns are missing
"""

from .catalogue import Catalogue, Programme, get_catalogue, load_catalogue
from .encoder import load_model
from .errors import (
    DataError,
    ImportFailed,
    InvalidComparison,
    InvalidRiasec,
    InvalidSituation,
    LabourOutlookError,
    MissingColumns,
    RetiredCrebo,
    RowError,
    UnknownCrebo,
    UnsupportedFormat,
)
from .importers import import_kansen, import_programmes
from .prospects import SAMPLE_SOURCE, SCALE, Prospects, prospects_for
from .recommend import Alternative, Recommendation, alternatives, compare, recommend
from .resolve import nlu_lookup, resolve_programme, resolve_programmes_in
from .situation import Situation, allowed_niveaus

__all__ = [
    "get_catalogue",
    "load_catalogue",
    "Catalogue",
    "Programme",
    "prospects_for",
    "Prospects",
    "SCALE",
    "SAMPLE_SOURCE",
    "resolve_programme",
    "resolve_programmes_in",
    "nlu_lookup",
    "recommend",
    "Recommendation",
    "alternatives",
    "Alternative",
    "compare",
    "Situation",
    "allowed_niveaus",
    "load_model",
    "warm_up",
    "reload",
    "import_kansen",
    "import_programmes",
    "LabourOutlookError",
    "UnknownCrebo",
    "RetiredCrebo",
    "InvalidSituation",
    "InvalidRiasec",
    "InvalidComparison",
    "DataError",
    "ImportFailed",
    "MissingColumns",
    "UnsupportedFormat",
    "RowError",
]


def warm_up() -> None:
    """Load catalogue, prospects, model and catalogue vectors now (action-server start), not on the first request."""
    from .index import embedding_index
    from .prospects import get_prospects_table

    catalogue = get_catalogue()
    get_prospects_table()
    embedding_index(catalogue, load_model())
    resolve_programme("kok", catalogue=catalogue)
    recommend("ik sleutel graag aan scooters", catalogue=catalogue)  # first-call imports (rapidfuzz, stemmer)


def reload() -> None:
    """Forget cached catalogue and prospects so imported data is picked up."""
    from .prospects import get_prospects_table

    get_catalogue.cache_clear()
    get_prospects_table.cache_clear()
