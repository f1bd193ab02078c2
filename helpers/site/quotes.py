"""The words behind a chart's values, for the site: each plotted row is matched to the quotes of the table rows it
shows (data/quotes.csv), so a chart's CSV carries the quote, and its data table shows it with the page's address and
its archived copy.

A plotted row matches a quoted table row when it has the same source, agrees on every key column it carries (op_id,
iso3, date, year...), and carries the whole key or at least two of its columns (a chart of one operation drops
op_id); when rows of several tables match, the one agreeing on most key columns wins, a whole key before a part. A row that carries too few key
columns (an aggregate), or an identity column the table's key lacks (one nation's row against an operation's
total), gets no quote.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..data.read import read_records


#: Columns that name what a row is about: a plotted row carrying one that the quoted table's key lacks is finer than
#: that table's rows (one nation's troops, not the operation's total), so that table's quote is not its quote.
IDENTITY = ("op_id", "iso3", "host_iso3", "date", "year", "coalition_id", "event_id", "claim_id", "resolution")


@dataclass(frozen=True)
class Quote:
    """One quote as a reader sees it."""

    words: str
    translation: str
    source_id: str
    url: str
    archive_url: str
    basis: str
    note: str

    def text(self) -> str:
        """The quote as one line: the words, then the translation in brackets."""
        if self.basis != "quote":
            return f"({self.basis}: {self.note})" if self.note else f"({self.basis})"
        return self.words + (f" [{self.translation}]" if self.translation else "")


@dataclass
class QuoteIndex:
    """Quotes by source, each with the key values of the table row it backs."""

    by_source: dict[str, list[tuple[dict[str, str], tuple[str, ...], Quote]]] = field(default_factory=dict)

    @classmethod
    def load(cls, data: Path) -> "QuoteIndex":
        data = Path(data)
        descriptor = data / "datapackage.json"
        if not descriptor.exists():
            return cls()
        keys = {r["name"]: r["schema"].get("primaryKey", [])
                for r in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]}
        sources = {r["source_id"]: r for r in read_records(data / "sources.csv")}
        index: dict[str, list] = {}
        for q in read_records(data / "quotes.csv"):
            values = dict(zip(keys.get(q["table"], []), q["key"].split("|")))
            src = sources.get(q["source_id"], {})
            quote = Quote(q["quote"], q["translation"], q["source_id"], src.get("url", ""), src.get("archive_url", ""),
                          q["basis"], q["note"])
            index.setdefault(q["source_id"], []).append(({k: v for k, v in values.items() if v},
                                                         tuple(keys.get(q["table"], [])), quote))
        return cls(index)

    def match(self, row: dict) -> list[Quote]:
        """The quotes behind one plotted row (a dict of column -> value, with `source_id`)."""
        found: list[tuple[tuple[int, bool], Quote]] = []
        for sid in str(row.get("source_id") or "").replace(";", " ").split():
            for key, columns, quote in self.by_source.get(sid, []):
                carried = [k for k in key if row.get(k) not in (None, "")]
                finer = [k for k in IDENTITY if row.get(k) not in (None, "") and k not in columns]
                if (carried and not finer and all(str(row[k])[:10] == key[k] for k in carried)
                        and (len(carried) == len(key) or len(carried) >= 2)):
                    found.append(((len(carried), len(carried) == len(key)), quote))
        best = max((n for n, _ in found), default=(0, False))
        return list(dict.fromkeys(q for n, q in found if n == best))
