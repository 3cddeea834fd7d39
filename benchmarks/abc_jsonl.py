"""Turn the ABC news corpus (NLTK ``abc``) into JSONL articles that ``graphkit build`` reads.

Each file holds many articles, one sentence per line; a blank line and a headline line start the
next article (``science.txt`` has CRLF line ends and is Windows-1252, not UTF-8). Each
blank-line-separated block becomes one record: its first line is the ``title``, the other lines
(joined by newlines) the ``text``.

Usage, from the repository root::

    python benchmarks/abc_jsonl.py OUT_DIR [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from pathlib import Path

ENV_VAR = "GRAPHKIT_SHARED"
ABC_FILES = ("rural.txt", "science.txt")


def shared_dir() -> Path:
    """Return ``$GRAPHKIT_SHARED``, or the ``shared`` folder beside the repository."""
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else Path(__file__).resolve().parents[2] / "shared"


def abc_articles(path: Path) -> Iterator[dict[str, str]]:
    """Yield ``{"title", "text", "publisher"}`` for each blank-line-separated block of `path`.

    A block of a single line (a headline with no body) is kept as a one-sentence text.
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:  # science.txt is Windows-1252 ("460\xb0C")
        text = raw.decode("cp1252", errors="replace")
    lines: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.strip():
            lines.append(line.strip())
            continue
        if lines:
            title, body = (lines[0], lines[1:]) if len(lines) > 1 else (None, lines)
            record = {"text": "\n".join(body), "publisher": "ABC"}
            if title is not None:
                record["title"] = title
            yield record
        lines = []


def write_abc_jsonl(out_dir: Path, *, limit: int | None = None) -> list[Path]:
    """Write ``rural.jsonl`` and ``science.jsonl`` into `out_dir`; `limit` articles in all.

    With a limit, each file contributes about half of it.
    """
    source = shared_dir() / "corpus" / "abc_news"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for number, name in enumerate(ABC_FILES):
        records = list(abc_articles(source / name))
        if limit is not None:
            share = (limit + 1 - number) // len(ABC_FILES)
            records = records[:share]
        path = out_dir / Path(name).with_suffix(".jsonl").name
        with path.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        written.append(path)
    return written


def main() -> None:
    """Write the JSONL files and print their paths."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--limit", type=int, help="articles in all (about half from each file)")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for path in write_abc_jsonl(args.out_dir, limit=args.limit):
        print(path)


if __name__ == "__main__":
    main()
