import csv
import re
from pathlib import Path

import pytest

from dashboard.citations import document_title, source_text
from data.sources import COLUMNS, SOURCES_FILE, cite, read_sources, source_documents

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"
FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def test_every_document_the_seed_cites_has_a_title():
    cited = set()
    for path in SEED.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                cited.update(FILE_NAME.findall(row.get("source") or ""))
    assert cited, "the seed cites its documents by file name"
    assert cited <= source_documents().keys()
    for document in source_documents().values():
        assert document.title("it") and document.title("en") and document.issuer


def test_a_citation_splits_document_and_section():
    citation = cite("002_b00e1683dd7b88f1.txt — Indicatori")
    assert citation.file_name == "002_b00e1683dd7b88f1.txt"
    assert citation.section == "Indicatori"
    assert citation.document is not None and citation.document.date == "2025"
    assert cite("Eurostat (rd_e_gerdreg)").document is None
    assert cite(None).source == "" and cite(float("nan")).source == ""


def test_readers_see_the_title_never_the_file_name():
    source = "002_b00e1683dd7b88f1.txt — Indicatori"
    assert (
        source_text(source, "it") == "Relazione 2025 «Ricerca e innovazione», sezione «Indicatori»"
    )
    assert source_text(source, "en") == (
        "Report “Ricerca e innovazione — Relazione 2025”, section “Indicatori”"
    )
    assert source_text("003_b0113e97874011b2.txt", "it").startswith("Brochure «Cluster")
    assert document_title(source, "en") == "Report “Ricerca e innovazione — Relazione 2025”"
    assert source_text("Eurostat", "en") == "Eurostat"  # not a listed document: as it is


def _table(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "sources.csv"
    path.write_text("\n".join([",".join(COLUMNS), *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (("a.txt,T,T,Issuer,2025,", "a.txt,U,U,Issuer,,"), "line 3: a.txt listed twice"),
        (("a.txt,,T,Issuer,,",), "line 2: empty title_it"),
        (("a.txt,T,T,Issuer,30/12/2020,",), "line 2: date '30/12/2020' is not YYYY"),
    ],
)
def test_a_malformed_table_names_the_line(tmp_path, rows, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        read_sources(_table(tmp_path, *rows))


def test_a_table_with_other_columns_is_refused(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text("file_name,title\na.txt,T\n", encoding="utf-8")
    with pytest.raises(ValueError, match="the header must be"):
        read_sources(path)


def test_the_shipped_table_reads():
    assert read_sources(SOURCES_FILE) == source_documents()
