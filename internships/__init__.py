"""Register of internships at recognised companies: import, API, matching, demo data.

A plain library (no Rasa import) used by the action server, the web app and the CLI
(``python -m internships --help``). Nothing happens at import time: pass a Database
from ``connect()`` (``appdb.connect``, the one owner of the app database) into every call. The HTTP router lives in ``internships.api`` so
that importing this package does not import FastAPI.

Exceptions (all carry a Dutch ``message`` that says how to fix the problem)::

    InternshipsError
    ├── UnknownLocation        postcode or place not in the postcode list (.suggestions)
    ├── UnknownProgramme       crebo or programme name not in the catalogue
    ├── InvalidQuery           bad radius, leerweg, limit, or postcode and place both given
    ├── UnknownInstitution     no institution with this code
    ├── DuplicateInstitution   code already used with another name
    ├── InvalidInstitutionCode code is not 2-20 letters, digits, - or _
    ├── ImportFailed           bad rows in an import file (.errors: list[RowError]); nothing written
    ├── UnsupportedFormat      file is not readable CSV or JSON
    ├── InvalidListing         bad fields in an API body (.errors)
    ├── ListingNotFound        no such listing at this institution (also for another school's)
    ├── ExternalIdTaken        external_id already used by this institution
    ├── InvalidToken           API token missing, unknown or revoked
    └── RateLimited            too many API requests (.retry_after seconds)
"""

from appdb import connect

from .catalogue import CatalogueView, load_catalogue
from .demo import seed_demo
from .errors import (
    DuplicateInstitution,
    ExternalIdTaken,
    ImportFailed,
    InternshipsError,
    InvalidInstitutionCode,
    InvalidListing,
    InvalidQuery,
    InvalidToken,
    ListingNotFound,
    RateLimited,
    RowError,
    UnknownInstitution,
    UnknownLocation,
    UnknownProgramme,
    UnsupportedFormat,
)
from .geo import Location, haversine_km, resolve_location
from .importer import import_listings
from .matching import Match, Widening, count_matches, match, suggest_widening
from .register import (
    Institution,
    WriteResult,
    add_institution,
    expire_listing,
    get_institution,
    issue_token,
    list_institutions,
)
from .validate import INCLUSIVE_SIGNALS

__all__ = [
    # database
    "connect",
    # students
    "match",
    "count_matches",
    "suggest_widening",
    "resolve_location",
    "haversine_km",
    "Match",
    "Widening",
    "Location",
    "INCLUSIVE_SIGNALS",
    # institutions
    "add_institution",
    "get_institution",
    "list_institutions",
    "issue_token",
    "import_listings",
    "expire_listing",
    "Institution",
    "WriteResult",
    "seed_demo",
    "CatalogueView",
    "load_catalogue",
    # errors
    "InternshipsError",
    "UnknownLocation",
    "UnknownProgramme",
    "InvalidQuery",
    "UnknownInstitution",
    "DuplicateInstitution",
    "InvalidInstitutionCode",
    "ImportFailed",
    "UnsupportedFormat",
    "RowError",
    "InvalidListing",
    "ListingNotFound",
    "ExternalIdTaken",
    "InvalidToken",
    "RateLimited",
]
