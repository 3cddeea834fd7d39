"""The commands that keep a graph going: add and remove (graphkit.keep does the work)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from graphkit import keep, visualize


@click.command("add")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--to", "out_dir", type=click.Path(path_type=Path), required=True, help="A built graph's OUT."
)
def add_command(paths: tuple[str, ...], out_dir: Path) -> None:
    """Add the articles of PATHS to the graph in OUT, parsing only those it does not hold.

    Entities keep their IRIs; support, conflicts and near matches are brought up to date.

    Example: graphkit add today/*.txt --to out
    """
    from graphkit import keep

    kept = keep.add(paths, out_dir, progress=True)
    what = [f"{kept.already} held already", *replayed(kept, "held")]
    report(kept, f"added {kept.added} articles ({'; '.join(what)}):")


@click.command("remove")
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.argument("articles", nargs=-1, required=True)
def remove_command(out_dir: Path, articles: tuple[str, ...]) -> None:
    """Remove ARTICLES (IRI, file name or headline) and what only they said from OUT.

    Example: graphkit remove out 003_c187e5ae1e2307df.txt
    """
    from graphkit import keep

    kept = keep.remove(out_dir, articles)
    report(kept, f"removed {kept.removed} articles ({'; '.join(replayed(kept, 'left'))}):")


def replayed(kept: keep.Kept, which: str) -> list[str]:
    """How many of the articles that stay were replayed, and how many read again (keep.py)."""
    if kept.result is None:
        return []
    staying = kept.result.documents - kept.added
    again = staying - kept.result.replayed
    return [f"of the {staying:,} {which}, {kept.result.replayed:,} replayed, {again:,} read again"]


def report(kept: keep.Kept, *notes: str) -> None:
    """Print what a build, add or remove did and wrote."""
    if kept.result is None or kept.view is None:
        click.echo(" ".join([*notes, "nothing new: the graph is as it was"]))
        return
    report_left_out(kept.view)
    click.echo(" ".join([*notes, kept.result.summary()]))
    for path in kept.written:
        click.echo(f"wrote {path}")


def report_left_out(view: visualize.View) -> None:
    """Say on stderr what a map left out, if anything."""
    if view.left_out:
        click.echo(f"map: {view.note}", err=True)
