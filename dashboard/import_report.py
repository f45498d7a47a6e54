"""The report of one import, in words: the same lines for `s3dash import` and the Data page.

What an OpenCoesione import skipped (by reason), the source's inconsistencies it imported
and flagged as warnings, how many projects found their call, and true counts of problems
("200 shown of 781"). Pure: an ImportResult in, lines of text out, in the page's language.
"""

from __future__ import annotations

from dashboard.i18n import format_number, t
from data.importers.opencoesione import SKIP_REASONS
from data.importers.writing import ImportResult


def report_lines(result: ImportResult, lang: str) -> list[str]:
    """The lines that follow the summary of an import (none for a plain product file)."""
    lines: list[str] = []
    count = result.problem_count
    listed = len(result.problems) - 1 if count != len(result.problems) else count
    if count and listed < count:
        lines.append(t("import.problems_shown", lang, shown=_n(listed, lang), n=_n(count, lang)))
    skipped = sum(result.skipped.values())
    if skipped:
        reasons = ", ".join(
            t(f"import.skip.{reason}", lang, count=n, n=_n(n, lang))
            for reason in SKIP_REASONS
            if (n := result.skipped.get(reason, 0))
        )
        lines.append(t("import.skipped", lang, count=skipped, n=_n(skipped, lang), reasons=reasons))
    if result.warnings_total:
        total = result.warnings_total
        # A projects file warns of the source's inconsistencies; an observations file,
        # of values withdrawn in the app that stay withdrawn.
        key = "import.warnings" if result.kind == "projects" else "import.warnings.kept"
        lines.append(t(key, lang, count=total, n=_n(total, lang)))
        if len(result.warnings) < total:
            shown = _n(len(result.warnings), lang)
            lines.append(t("import.problems_shown", lang, shown=shown, n=_n(total, lang)))
        lines += [f"  {w}" for w in result.warnings]
    # Only a projects file links rows to calls (an observations file may warn too).
    if result.kind == "projects" and (skipped or result.warnings_total or result.linked_to_call):
        unlinked = result.rows - result.linked_to_call
        lines.append(
            t(
                "import.calls",
                lang,
                linked=_n(result.linked_to_call, lang),
                rows=_n(result.rows, lang),
                unlinked=_n(unlinked, lang),
            )
        )
    return lines


def _n(value: int, lang: str) -> str:
    return format_number(value, lang)
