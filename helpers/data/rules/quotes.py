"""The words behind each value (data/quotes.csv): a quote belongs to a row that exists and to one of that row's
sources, and every number and date of the fields it quotes appears in its words, after thousands separators, small
numbers written as words and date formats are normalised. A data edit that changes a quoted value is reported at
the edited row: `contributions.csv:120: personnel: value not in quote (4341; quotes.csv:77)`."""

from __future__ import annotations

import re
from collections import Counter

from ..problems import Problem
from . import Table, Tables
from .references import SEE_REFERENCE, field_sources

#: Tables whose rows carry the numbers and dates readers cite, and so should each have a quote or a reason.
QUOTED_TABLES = ("contributions", "personnel", "fatalities", "strike_participation", "operations", "coalitions",
                 "resolutions", "events", "claims")

#: Small numbers written as words, in the languages of the sources read.
NUMBER_WORDS = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen twenty",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf dix onze douze",
    "de": "null ein zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
    "es": "cero un dos tres cuatro cinco seis siete ocho nueve diez once doce",
    "it": "zero un due tre quattro cinque sei sette otto nove dieci undici dodici",
    "pt": "zero um dois três quatro cinco seis sete oito nove dez onze doze",
    "nl": "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf",
    "pl": "zero jeden dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście dwanaście",
    "sr": "nula jedan dva tri četiri pet šest sedam osam devet deset jedanaest dvanaest",
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
WORD_VALUES: dict[str, int] = {}
for _words in NUMBER_WORDS.values():
    for _value, _word in enumerate(_words.split()):
        WORD_VALUES.setdefault(_word, _value)
WORD_VALUES.update({"a": 1, "an": 1, "one": 1, "una": 1, "uno": 1, "une": 1, "eine": 1, "jedna": 1, "dvije": 2,
                    "dwóch": 2, "dvoje": 2, "both": 2, "dozen": 12, "hundred": 100, "none": 0, "nil": 0, **TENS})
#: Words saying a Security Council vote was unanimous (all members for, none against, no abstention).
UNANIMOUS = re.compile(r"unanim|einstimmig|jednogłośn|jednoglasn|oybirli", re.I)

#: Month names (first four letters suffice) in the languages of the sources read, by month number.
MONTHS = {
    1: "jan janv ene genn gen sty stycz janu ocak ιαν", 2: "feb fév fevr févr febr lut lute feve şub φεβ",
    3: "mar mär mars marz març marc mart μαρ", 4: "apr avr abr kwi kwie apri nis απρ",
    5: "may mai mag maj mei mayı μαΐ μαι", 6: "jun juin giu cze czer junh juni haz ιουν",
    7: "jul juil lug lip lipi julh juli tem ιουλ", 8: "aug août ago sie sier agos augu ağu αυγ",
    9: "sep sept set wrz wrze septe eyl σεπ", 10: "oct okt ott out paź paźd octo eki οκτ",
    11: "nov novi lis list nove kas νοε", 12: "dec déc dic gru grud deze dez ara δεκ",
}
_NUMBER = re.compile(r"\d{1,3}(?:[,.\s\u00a0\u202f'’]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")


def numbers_in(text: str) -> set[float]:
    """Every number written in `text`: 4,341 / 4.341 / 4 341 / 2,27 (decimal comma) / 'twenty-five' / 'five'."""
    found: set[float] = {float(run) for run in re.findall(r"\d+", text)}
    for match in _NUMBER.findall(text):
        grouped = re.fullmatch(r"\d{1,3}(?:[,.\s\u00a0\u202f'’]\d{3})+", match)
        if grouped:
            found.add(float(re.sub(r"[^\d]", "", match)))
        digits = match.replace(",", ".") if match.count(",") == 1 and "." not in match else match.replace(",", "")
        try:
            found.add(float(re.sub(r"[\s\u00a0\u202f'’]", "", digits)))
        except ValueError:
            pass
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", text.lower())
    for word in words:
        parts = word.split("-")
        if len(parts) == 2 and parts[0] in TENS and parts[1] in WORD_VALUES:
            found.add(float(TENS[parts[0]] + WORD_VALUES[parts[1]]))
        elif word in WORD_VALUES:
            found.add(float(WORD_VALUES[word]))
    return found


def _month_named(text: str, month: int) -> bool:
    words = re.findall(r"[^\W\d_]+", text.lower())
    stems = MONTHS[month].split()
    return any(w.startswith(s) or s.startswith(w[:4]) and len(w) >= 3 for w in words for s in stems if len(s) >= 3)


def date_in(value: str, precision: str, text: str) -> bool:
    """A date written in `text` in any of the usual forms, down to its precision (year; month name or number;
    day)."""
    year, month, day = int(value[:4]), int(value[5:7]), int(value[8:10])
    if str(year) not in text and f"'{year % 100:02d}" not in text:
        return False
    if precision == "year":
        return True
    numeric = re.findall(r"\b(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\b", text)
    numeric += re.findall(r"\b(\d{4})(\d{2})(\d{2})\b", text)  # compact: 19980923
    for a, b, c in numeric:
        parts = {int(a), int(b), int(c)}
        if {year, month} <= parts and (precision == "month" or day in parts):
            return True
    if not _month_named(text, month):
        return False
    return precision == "month" or bool(re.search(rf"(?<!\d)0?{day}(?:st|nd|rd|th|\.|er)?(?!\d)", text))


_NONE_AGAINST = re.compile(r"no (?:negative votes?|member voted against|votes? against|one voted against)|none against|"
                           r"\b\d+[- ](?:to[- ])?0\b|without (?:a )?(?:negative|vote against)", re.I)


def vote_numbers(text: str, row: dict[str, str], numbers: set[float]) -> set[float]:
    """The vote counts a quote states in words: unanimity (15, 0), none against (0), as many abstentions as it names
    abstainers, and the third count when the other two are written and all three make up the Council."""
    found = set(numbers)
    if UNANIMOUS.search(text):
        found |= {15.0, 0.0}
    if _NONE_AGAINST.search(text):
        found.add(0.0)
    named = [c for c in row.get("abstaining", "").split(";") if c.strip()]
    if re.search(r"abstain|abstention|enthielt|abstenu|wstrzyma", text, re.I) and row.get("abstentions", "") == str(len(named)):
        found.add(float(len(named)))
    counts = {c: float(row[c]) for c in ("votes_for", "votes_against", "abstentions") if row.get(c, "").isdigit()}
    if len(counts) == 3 and sum(counts.values()) == 15:
        missing = [c for c, v in counts.items() if v not in found]
        if len(missing) == 1:
            found.add(counts[missing[0]])
    return found


def _row_sources(row: dict[str, str]) -> set[str]:
    ids = {row.get("source_id", "")}
    ids |= {source for _, _, source in field_sources(row.get("field_sources", "")) if source}
    for column in ("note", "evidence", "correction"):
        ids |= set(SEE_REFERENCE.findall(row.get(column, "")))
    return ids


def _rows_by_key(tables: Tables, name: str) -> dict[str, tuple[int, dict[str, str]]]:
    key = tables.primary_key(name)
    return {"|".join(row[c] for c in key): (line, row) for line, row in tables[name].records()}


def quote_problems(tables: Tables) -> list[Problem]:
    if "quotes" not in tables:
        return []
    quotes: Table = tables["quotes"]
    index = {name: _rows_by_key(tables, name) for name in quotes.column("table") if name in tables}
    out = []
    for qline, q in quotes.records():
        if q["table"] not in index:
            continue  # a table that could not be read, or a vocabulary error reported by the schema check
        found = index[q["table"]].get(q["key"])
        if found is None:
            out.append(quotes.problem(qline, "key", f"no such row in {q['table']}.csv", q["key"]))
            continue
        line, row = found
        if q["source_id"] not in _row_sources(row):
            out.append(quotes.problem(qline, "source_id", "not a source of that row (its source_id, field_sources "
                                      "or a 'see' in its note)", q["source_id"]))
        if q["basis"] == "quote" and not q["quote"]:
            out.append(quotes.problem(qline, "quote", "basis is quote but the quote is empty"))
        if q["quote"] and q["lang"] != "en" and not q["translation"]:
            out.append(quotes.problem(qline, "translation", f"a quote in '{q['lang']}' needs an English translation"))
        fields = [f.strip() for f in q["fields"].split(";") if f.strip()]
        for field in fields:
            if field not in tables[q["table"]].header:
                out.append(quotes.problem(qline, "fields", f"not a column of {q['table']}.csv", field))
        if q["basis"] != "quote" or not q["quote"]:
            continue
        text = f"{q['quote']} {q['translation']}"
        table = tables[q["table"]]
        numbers = numbers_in(text)
        if q["table"] == "resolutions":
            numbers = vote_numbers(text, row, numbers)
        for field in fields:
            value = row.get(field, "")
            kind = tables.field_type(q["table"], field)
            if not value or kind not in ("integer", "number", "date"):
                continue
            if kind == "date":
                if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                    continue  # not a date: the schema check reports it
                precision = row.get(field.replace("_date", "_precision") if field != "date" else "date_precision",
                                    "day") or "day"
                ok = date_in(value, precision, text)
            else:
                try:
                    ok = float(value) in numbers
                except ValueError:
                    continue  # not a number: the schema check reports it
            if not ok:
                out.append(table.problem(line, field, "value not in quote", f"{value}; quotes.csv:{qline}"))
    return out


def coverage(tables: Tables) -> dict[str, tuple[int, int]]:
    """{table: (rows with a quote or a reason, rows)} for the tables readers cite."""
    if "quotes" not in tables:
        return {}
    keys = Counter((q["table"], q["key"]) for _, q in tables["quotes"].records())
    out = {}
    for name in QUOTED_TABLES:
        if name in tables:
            rows = _rows_by_key(tables, name)
            out[name] = (sum(1 for k in rows if (name, k) in keys), len(rows))
    return out


RULES = [quote_problems]
