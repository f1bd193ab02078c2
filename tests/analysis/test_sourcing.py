"""How well each table is sourced: quotes per row agree with check-data's summary, and reach keeps its precision."""

import pandas as pd

from helpers import data
from helpers.analysis import sourcing
from helpers.data.check import quote_coverage
from helpers.paths import data_dir


def test_row_keys_as_quotes_write_them():
    frame = pd.DataFrame({"op_id": ["isaf", "efp"], "host_iso3": pd.array([pd.NA, "LTU"], dtype="string"),
                          "date": pd.to_datetime(["2010-11-15", "2025-02-01"]), "n": pd.array([3, None], dtype="Int64")})
    assert list(sourcing.row_keys(frame, ["op_id", "host_iso3", "date", "n"])) == [
        "isaf||2010-11-15|3", "efp|LTU|2025-02-01|"]


def test_quoting_agrees_with_the_check_data_summary():
    """Rows with a quote or a reason, per table, as `make check-data` counts them."""
    mine = sourcing.quoting().set_index("table")
    theirs = quote_coverage(data_dir())
    for table, (covered, rows) in theirs.items():
        assert mine.loc[table, "rows"] == rows, table
        assert mine.loc[table, ["quote", "derived", "unavailable"]].sum() == covered, table


def test_reach_keeps_the_precision_of_the_latest_date():
    frame = pd.DataFrame({"date": pd.to_datetime(["2020-05-04", "2026-02-01"]), "date_precision": ["day", "month"],
                          "end_date": pd.to_datetime(["2021-01-01", None])})
    assert sourcing.reach(frame) == (pd.Timestamp("2026-02-01"), "month")
    assert sourcing.reach(pd.DataFrame({"year": [2014, 2025]})) == (pd.Timestamp("2025-01-01"), "year")
    assert sourcing.reach(pd.DataFrame({"x": [1]})) == (None, "")
    assert sourcing.reach(data.load("outcomes"))[1] == "month"
