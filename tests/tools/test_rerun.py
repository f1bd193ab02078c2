"""`make run` (python -m helpers rerun): reruns obey their parameters.

A mistake on the command line stops before any kernel starts, with one line and a non-zero exit. Each notebook
that takes parameters is rerun once with values other than its defaults, and the sentences, titles and plotted
rows that depend on a parameter are checked against the data for those values (a notebook that still states
its default's numbers fails). One rerun per notebook: each run serves every check of that notebook.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import NOTEBOOKS, ROOT
from helpers import analysis, data
from helpers.charts.payload import CHART_DATA_MIME, PLOTLY_MIME
from helpers.run.runner import KERNELSPEC
from helpers.tools import rerun


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", "rerun", *args], capture_output=True, text=True, cwd=ROOT)


# --- the command line, without a kernel ---------------------------------------------------------------------

def test_parameters_are_read_from_the_notebooks_and_listed():
    """`make run` without NB lists every notebook that takes parameters, each name with its default."""
    taking = {p.stem[:2]: rerun.notebook_parameters(p) for p in NOTEBOOKS if rerun.notebook_parameters(p)}
    assert taking["04"] == {"year": None, "ally": "POL"}
    assert isinstance(taking["07"]["highlight"], list)
    listed = cli().stdout
    for number, parameters in taking.items():
        line = next(line for line in listed.splitlines() if line.startswith(f"  {number}  "))
        assert all(f"{name} = {default!r}" in line for name, default in parameters.items()), line
    assert "a list: -p highlight A,B" in listed
    made = subprocess.run(["make", "-n", "run"], capture_output=True, text=True, cwd=ROOT)  # what it would run
    assert made.returncode == 0 and "-m helpers rerun --list\n" in made.stdout, made.stdout


@pytest.mark.parametrize("args, message", [
    (["04", "-p", "yaer", "2019"], "04-burden-sharing has no parameter 'yaer'; its parameters: year, ally"),
    (["02", "-p", "year", "2019"], "02-key-missions has no parameters; -p applies to 01-history, 04-burden-sharing"),
    (["04", "-p", "year", "2019", "-p", "year", "2020"], "04-burden-sharing: year given twice"),
    (["99"], "NB='99' names no single notebook; choose one of 00, 01"),
])
def test_a_mistake_stops_before_any_run_with_one_line(args, message, tmp_path):
    """SystemExit with a message: Python prints it as one line on stderr and exits with 1."""
    with pytest.raises(SystemExit) as stop:
        rerun.rerun_main([*args, "--out-dir", str(tmp_path)])
    assert isinstance(stop.value.code, str) and "\n" not in stop.value.code
    assert stop.value.code.startswith(message), stop.value.code
    assert list(tmp_path.iterdir()) == []  # no output named after a value that was never used


def test_an_unknown_parameter_stops_the_command_with_one_line_and_exit_1(tmp_path):
    result = cli("04", "-p", "yaer", "2019", "--out-dir", str(tmp_path))
    assert (result.returncode, result.stdout, result.stderr.count("\n")) == (1, "", 1), result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("given, expected", [
    ([("highlight", "FRA,deu")], {"highlight": ["FRA", "deu"]}),
    ([("highlight", "FRA"), ("highlight", "DEU")], {"highlight": ["FRA", "DEU"]}),
])
def test_a_list_parameter_takes_commas_or_repeats(given, expected):
    path = next(p for p in NOTEBOOKS if p.stem.startswith("07-"))
    assert rerun.resolve(path, given) == expected
    named = "-".join(expected["highlight"]).lower()
    assert rerun.output_name(path, expected) == f"07-looking-ahead-highlight-{named}.ipynb"


# --- one rerun per notebook with parameters, its sentences checked against the data ---------------------------

def outputs(path) -> tuple[list[str], list[dict], list[dict]]:
    """Markdown shown, figures and chart payloads of an executed notebook, in order."""
    texts, figures, payloads = [], [], []
    for cell in nbformat.read(path, as_version=4).cells:
        for output in cell.get("outputs", []):
            bundle = output.get("data", {})
            if "text/markdown" in bundle:
                texts.append(bundle["text/markdown"])
            if PLOTLY_MIME in bundle:
                figures.append(bundle[PLOTLY_MIME])
                payloads.append(bundle.get(CHART_DATA_MIME, {}))
    return texts, figures, payloads


def title(figure: dict) -> str:
    return figure["layout"]["title"]["text"]


def counts_in(sentence: str) -> set[int]:
    """The numbers a sentence states, less years and days of dates."""
    sentence = re.sub(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|"
                      r"December) \d{4}\b", "", sentence)
    return {int(n) for n in re.findall(r"\b\d+\b", sentence) if not 1900 <= int(n) <= 2100}


def check_history(path):
    """count_date 2000-01-01: the membership sentence counts the Allies of that date, not today's."""
    members = data.load("members")
    on = members[members["accession_date"] <= "2000-01-01"]
    after_founders = on[on["wave"] != "1949"]
    since_1999 = after_founders[after_founders["accession_date"] >= "1999-01-01"]
    texts, _, _ = outputs(path)
    sentence = next(t for t in texts if "1 January 2000" in t)
    assert len(on) in counts_in(sentence), sentence
    assert counts_in(sentence) <= {len(on), len(after_founders), len(since_1999)}, (
        f"{sentence!r}: on 1 January 2000 NATO had {len(on)} members, {len(after_founders)} of them after the "
        f"founders, {len(since_1999)} since 1999")


def check_burden_sharing(path):
    """year 2019, ally fra: the year's sentences, ranked chart and the Ally's chart follow the parameters."""
    members = data.load("members").set_index("iso3")
    spending = analysis.spending.latest_release(data.load("defence_expenditure"))
    shown = spending[spending["year"] == 2019].dropna(subset=["gdp_share_pct"])
    estimates = bool(shown["is_estimate"].all())
    texts, figures, payloads = outputs(path)
    summary = next(t for t in texts if t.startswith("2019:"))
    assert f"2019: {len(shown)} Allies with a figure" in summary, summary
    for iso in sorted(set(members.index) & set(spending["iso3"]) - set(shown["iso3"])):
        assert members.loc[iso, "name"] in summary, (iso, summary)
    for iso in shown["iso3"]:
        if members.loc[iso, "accession_date"].year > 2019:
            assert members.loc[iso, "name"] in summary, (iso, summary)  # not yet an Ally in 2019
    assert ("estimate" in summary) == estimates, summary
    ranked = next(title(f) for f in figures if title(f).startswith("In 2019"))
    top = shown.nlargest(1, "gdp_share_pct").iloc[0]
    top_name = members.loc[top["iso3"], "name"]
    for value in (f"{shown['gdp_share_pct'].min():.2f}%", f"{top['gdp_share_pct']:.2f}%", top_name):
        assert value in ranked, (value, ranked)
    bunch = shown[(shown["gdp_share_pct"] >= 2.0) & (shown["gdp_share_pct"] < 2.1)]
    sentence = next(t for t in texts if "In 2019, " in t)
    stated = re.search(r"In 2019, (\d+) of (\d+) (\w+)", sentence)
    assert stated and (int(stated[1]), int(stated[2])) == (len(bunch), len(shown)), sentence
    ally = [(t, p) for t, p in zip(map(title, figures), payloads) if t.startswith("France:")]
    assert ally, [title(f) for f in figures]
    columns, rows = ally[0][1]["columns"], ally[0][1]["rows"]
    assert {r[columns.index("iso3")] for r in rows} == {"FRA"}


def check_looking_ahead(path):
    """highlight FRA,deu: the trajectories chart draws France and Germany (and the median), nothing else."""
    _, figures, payloads = outputs(path)
    index, figure = next((i, f) for i, f in enumerate(figures) if "median Ally's share" in title(f))
    assert [t["name"] for t in figure["data"]] == ["France", "Germany", "Median Ally"]
    columns, rows = payloads[index]["columns"], payloads[index]["rows"]
    assert {r[columns.index("iso3")] for r in rows} == {"FRA", "DEU"}


def check_ally_profile(path):
    """ally fin: Finland's accession, its latest share of GDP and rank, its Article 4 requests and coalitions."""
    members = data.load("members").set_index("iso3")
    joined = members.loc["FIN", "accession_date"]
    texts, figures, _ = outputs(path)
    text = "\n".join(texts)
    assert f"Finland (FIN) became an Ally on {joined.day} {joined:%B %Y}" in text
    spending = analysis.allies.spending_with_rank(data.load("defence_expenditure"))
    last = spending[spending["iso3"] == "FIN"].sort_values("year").iloc[-1]
    stated = next(title(f) for f in figures if title(f).startswith("Finland: "))
    assert stated == (f"Finland: {last['gdp_share_pct']:.2f}% of GDP in {last['year']}"
                      + (" (estimate)" if last["is_estimate"] else "")
                      + f", rank {last['rank']} of the {last['reporting']} Allies with a {last['year']} figure"), stated
    assert f"made or joined by Finland: {len(analysis.allies.article_4_requests('FIN'))}" in text
    joined_coalitions = analysis.allies.coalitions_joined("FIN")
    assert f"Finland is listed in {len(joined_coalitions)} coalitions" in text if len(joined_coalitions) else (
        "No coalition outside NATO command lists Finland" in text)


RERUNS = {
    "01": (["-p", "count_date", "2000-01-01"], "01-history-count_date-2000-01-01.ipynb", check_history),
    "04": (["-p", "year", "2019", "-p", "ally", "fra"], "04-burden-sharing-year-2019-ally-fra.ipynb",
           check_burden_sharing),
    "07": (["-p", "highlight", "FRA,deu"], "07-looking-ahead-highlight-fra-deu.ipynb", check_looking_ahead),
    "10": (["-p", "ally", "fin"], "10-ally-profile-ally-fin.ipynb", check_ally_profile),
}


def test_every_notebook_with_parameters_is_rerun_here():
    assert set(RERUNS) == {p.stem[:2] for p in NOTEBOOKS if rerun.notebook_parameters(p)}


@pytest.fixture(scope="module")
def reran(tmp_path_factory):
    """`reran("04")`: the command's result and the notebook it wrote, each notebook rerun once per session."""
    done = {}

    def run(number: str) -> tuple[subprocess.CompletedProcess, Path]:
        if number not in done:
            args, name, _ = RERUNS[number]
            out = tmp_path_factory.mktemp(f"rerun-{number}")
            done[number] = (cli(number, *args, "--out-dir", str(out)), out / name)
        return done[number]
    return run


@pytest.mark.parametrize("number", RERUNS)
def test_rerun_with_other_values_states_what_the_data_say_for_them(number, reran):
    """The output is named after the parameters, the kernel talks over IPC (no TCP warning), and the computed
    sentences follow the values given."""
    result, path = reran(number)
    assert result.returncode == 0, result.stderr
    assert "without encryption" not in result.stderr + result.stdout
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    RERUNS[number][2](path)


def test_a_year_of_reported_figures_is_not_called_estimates(reran):
    spending = analysis.spending.latest_release(data.load("defence_expenditure"))
    assert not spending[spending["year"] == 2019]["is_estimate"].any()
    texts, _, _ = outputs(reran("04")[1])
    sentence = next(t for t in texts if "In 2019, " in t)
    assert not re.search(r"In 2019, \d+ of \d+ estimates", sentence), sentence


def test_a_bad_value_stops_the_rerun_with_the_notebooks_message(tmp_path):
    """A notebook that checks its parameter as the collection's do (tests/analysis/test_parameters.py proves they
    all do), rerun with a value that is no year: the notebook's one-line message, exit 1, the partial output kept.
    A small notebook rather than 04: the same path through papermill without paying for 04's imports."""
    path = tmp_path / "99-years.ipynb"
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("year = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("from helpers.analysis.params import year_in\nyear_in(year, range(2014, 2026))")],
        metadata={"kernelspec": KERNELSPEC, "language_info": {"name": "python"}})
    nbformat.write(nb, path)
    result = cli(str(path), "-p", "year", "abc", "--out-dir", str(tmp_path / "runs"))
    assert result.returncode == 1  # cell 3 of the output: papermill injects the values after `parameters`
    assert result.stderr.splitlines()[0] == ("99-years.ipynb: cell 3 failed: ParameterError: year 'abc' is not a "
                                             "year; write four digits, e.g. 2025 (data: 2014–2025)"), result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads((tmp_path / "runs" / "99-years-year-abc.ipynb").read_text())["cells"]  # partial output kept
