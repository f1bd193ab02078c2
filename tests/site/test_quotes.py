"""A chart's plotted rows find the words of the source behind them: the most specific quoted row wins, aggregates
get none, and each quote comes with the page's address and its archived copy."""

from conftest import assemble
from helpers.site.quotes import QuoteIndex


def test_a_plotted_row_finds_the_quote_of_its_table_row(tmp_path):
    index = QuoteIndex.load(assemble(tmp_path / "data"))
    row = {"op_id": "op_alpha", "iso3": "POL", "host_iso3": None, "date": "1996-01-01", "personnel": 600,
           "source_id": "test-a"}
    (quote,) = index.match(row)
    assert quote.words == "Poland sent 600 soldiers in January 1996."
    assert quote.url == "https://example.org/a" and quote.archive_url.startswith("https://web.archive.org/web/")


def test_the_most_specific_table_row_wins_and_aggregates_get_none(tmp_path):
    index = QuoteIndex.load(assemble(tmp_path / "data"))
    # op_alpha on 1996-01-01 is both a personnel row and (with iso3) a contribution row
    assert [q.words for q in index.match({"op_id": "op_alpha", "date": "1996-01-01", "source_id": "test-a"})] == [
        "In January 1996 the force had 1,000 troops from ten nations."]
    assert index.match({"op_id": "op_alpha", "source_id": "test-a"}) == []  # no date: no row to quote
    assert index.match({"op_id": "op_alpha", "iso3": "POL", "date": "1996-01-01", "source_id": "test-b"}) == []


def test_a_translated_quote_reads_with_its_translation(tmp_path):
    index = QuoteIndex.load(assemble(tmp_path / "data"))
    (quote,) = index.match({"op_id": "op_beta", "source_id": "test-b"})
    assert quote.text() == ("Die Mission beruht auf der Einladung der Regierung. "
                            "[The mission rests on the government's invitation.]")


def test_a_charts_data_table_shows_the_words_on_hover_and_with_both_links(tmp_path):
    from helpers.site.render import Chart, _data_table
    from helpers.site.downloads import Sources, csv_rows

    data = assemble(tmp_path / "data")
    index = QuoteIndex.load(data)
    payload = {"columns": ["op_id", "iso3", "date", "personnel", "source_id"], "units": {},
               "rows": [["op_alpha", "POL", "1996-01-01", 600, "test-a"], ["op_alpha", "SWE", "1996-01-01", 400, "test-a"]]}
    html = _data_table(Chart("x-1", "1.1", {}, "t"), payload, {}, index)
    assert "Words of the source" in html
    assert '<q>Poland sent 600 soldiers in January 1996.</q>' in html
    assert '<a href="https://example.org/a">page</a>' in html and ">archived</a>" in html
    assert html.count("<q>") == 1  # Sweden's row has no quote: its cell stays empty
    header, rows = csv_rows(payload, "Source: test", Sources.load(data), index)
    assert header[-3:] == ["quote", "quote_url", "quote_archive_url"]
    assert rows[0][-3] == "Poland sent 600 soldiers in January 1996." and rows[1][-3] == ""


def test_data_table_labels_codes_by_column_not_ids():
    """Regression: the operation `isaf` was shown as the tally scope 'ISAF only' in a chart's data table."""
    from helpers.site.render import Chart, _data_table

    payload = {"columns": ["op_id", "scope"], "units": {}, "rows": [["isaf", "isaf"]]}
    html = _data_table(Chart("x-1", "1.1", {}, "t"), payload, {"scope": {"isaf": "ISAF only"}})
    assert "<td>isaf</td><td>ISAF only</td>" in html
