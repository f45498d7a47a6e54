"""The router answers of the overview and the report, written to files to compare two versions.

Posts the router callback of `/` and `/report`, plain and with `?ecosystem=` for every
ecosystem, in the default language, `?lang=it` and `?lang=en` (the cache emptied before each
request, so each answer is rendered), and writes each answer's bytes to OUT, one file a view.
`--extra` adds views (e.g. `?page=2`). Run it for each version, then compare the folders:

    git archive main | tar -x -C /tmp/before && cp -r dashboard/locale /tmp/before/dashboard/
    .venv/bin/python bench/overview_answers.py --code /tmp/before /tmp/answers/before
    .venv/bin/python bench/overview_answers.py /tmp/answers/after
    .venv/bin/python bench/overview_answers.py --compare /tmp/answers/before /tmp/answers/after

`--indicators N` uses bench/bench_overview.py's database (the seed + N SYNTHETIC indicators)
instead of the seed with its forecasts (bench/page_callbacks.py `seeded_sqlite`).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent.parent


def views(
    ecosystems: list[str], extra: list[str], paths: tuple[str, ...] = ("/", "/report")
) -> list[tuple[str, str]]:
    """(path, query) of every view compared."""
    queries = ["", *(f"ecosystem={code}" for code in ecosystems)]
    found = []
    for lang in ("", "lang=it", "lang=en"):
        for path in paths:
            for query in [*queries, *extra]:
                both = "&".join(q for q in (query, lang) if q)
                found.append((path, f"?{both}" if both else ""))
    return found


def dump(out: Path, indicators: int, extra: list[str], paths: tuple[str, ...]) -> int:
    """Render every view once, cache emptied before each; write the answers to `out`."""
    from app import create_app
    from bench.dash_timing import answer, dependency, payload
    from data.db import session_scope
    from data.queries import ecosystems_frame

    with tempfile.TemporaryDirectory(prefix="s3m-answers-") as folder:
        if indicators:
            from bench.bench_overview import build_database

            url = build_database(Path(folder) / "overview.db", indicators, 20271231)
        else:
            from bench.page_callbacks import seeded_sqlite

            url = seeded_sqlite(Path(folder))
        with session_scope(url) as session:
            codes = ecosystems_frame(session)["code"].tolist()
        config = {"DATABASE_URL": url, "REDIS_URL": "", "SECRET_KEY": "bench"}
        app = create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
        cache = app.extensions["s3m_cache"]
        client = app.test_client()
        router = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
        out.mkdir(parents=True, exist_ok=True)
        found = views(codes, extra, paths)
        for path, search in found:
            cache.clear()
            body = payload(router, {"shell-url.pathname": path, "shell-url.search": search}, {})
            name = quote(f"{path}{search}", safe="") or "root"
            (out / name).write_bytes(answer(client, "/", body))
    return len(found)


TABLE = 'id="overview-indicators-table"'
PAGER = 'id="overview-indicators-pager"'


def _drop(node: Any, marker: str) -> int:
    """Remove from `node` every list item that is a block whose markup holds `marker`."""
    dropped = 0
    if isinstance(node, dict):
        for value in node.values():
            dropped += _drop(value, marker)
    elif isinstance(node, list):
        keep = [
            item
            for item in node
            if not (isinstance(item, dict) and marker in item.get("props", {}).get("data-html", ""))
        ]
        dropped += len(node) - len(keep)
        node[:] = keep
        for value in node:
            dropped += _drop(value, marker)
    return dropped


def _block(node: Any, marker: str) -> dict[str, Any] | None:
    """The props of the first block whose markup holds `marker`."""
    if isinstance(node, dict):
        if marker in str(node.get("data-html", "")):
            return node
        children = list(node.values())
    else:
        children = node if isinstance(node, list) else []
    for child in children:
        found = _block(child, marker)
        if found is not None:
            return found
    return None


def first_page_of(before: bytes, after: bytes, size: int) -> bool:
    """Whether `after` is `before` with the overview's status table cut to its first `size`
    rows and a pager added after it, everything else the same."""
    old, new = json.loads(before), json.loads(after)
    table = _block(old, TABLE)
    if _drop(new, PAGER) != 1 or table is None:
        return False
    head, body = table["data-html"].split("<tbody>")
    rows, tail = body.split("</tbody>")
    kept = "".join(f"{row}</tr>" for row in rows.split("</tr>")[:-1][:size])
    table["data-html"] = f"{head}<tbody>{kept}</tbody>{tail}"
    return bool(old == new)


def compare(before: Path, after: Path, paged: int = 0) -> int:
    """Print which answers differ (or are missing); 1 when any does."""
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    different = missing = paged_ok = 0
    for name in names:
        a, b = before / name, after / name
        if not (a.exists() and b.exists()):
            print(f"only in {'after' if b.exists() else 'before'}: {name}")
            missing += 1
            continue
        if a.read_bytes() != b.read_bytes():
            if paged and first_page_of(a.read_bytes(), b.read_bytes(), paged):
                print(f"first page of the before table, pager added: {name}")
                paged_ok += 1
                continue
            different += 1
            print(f"different: {name}")
    same = len(names) - missing - different - paged_ok
    print(f"{same} of {len(names) - missing} answers identical", end="")
    print(f", {paged_ok} the same but for the table's page" if paged else "")
    return 1 if different else 0


def main() -> None:
    """Dump the answers of one version, or compare two dumps."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="+", help="folder to write (two to --compare)")
    parser.add_argument("--code", help="import the app from this directory (another version)")
    parser.add_argument("--indicators", type=int, default=0)
    parser.add_argument("--extra", nargs="*", default=[], help="more queries, e.g. page=2")
    parser.add_argument("--paths", nargs="*", default=["/", "/report"], help="internal pages")
    parser.add_argument("--compare", action="store_true")
    parser.add_argument(
        "--paged",
        type=int,
        default=0,
        help="with --compare: accept an overview whose table is the before one's first "
        "PAGED rows with a pager added (the status table paginated)",
    )
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(args.out[0], args.out[1], paged=args.paged))
    sys.path.insert(0, str(Path(args.code).resolve() if args.code else HERE))
    sys.path.insert(1, str(HERE))  # this checkout's benchmark helpers, if DIR lacks them
    written = dump(args.out[0], args.indicators, args.extra, tuple(args.paths))
    print(f"{written} answers written to {args.out[0]}")


if __name__ == "__main__":
    main()
