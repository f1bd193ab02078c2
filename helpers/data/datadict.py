"""The data dictionary in data/README.md, written from data/datapackage.json so the two never disagree.

`python -m helpers datadict` rewrites the "## Data dictionary" section of data/README.md; a test fails when the
README's section differs from what the schema gives. Vocabulary values are listed with their display labels
(`enumLabels` beside `enum` in the schema), which are also what charts and site tables show to readers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..paths import data_dir

START, END = "## Data dictionary\n", "\n## Changelog"


def _rules(field: dict, resource: dict) -> str:
    c = field.get("constraints", {})
    rules = []
    if c.get("required"):
        rules.append("required")
    if c.get("unique"):
        rules.append("unique")
    if "enum" in c:
        labels = field.get("enumLabels", {})
        rules.append("one of: " + ", ".join(f"`{v}`" + (f" ({labels[v]})" if v in labels else "") for v in c["enum"]))
    if "pattern" in c:
        rules.append(f"pattern `{c['pattern']}`")
    if "minimum" in c and "maximum" in c:
        rules.append(f"{c['minimum']} to {c['maximum']}")
    elif "minimum" in c:
        rules.append(f"at least {c['minimum']}")
    elif "maximum" in c:
        rules.append(f"at most {c['maximum']}")
    for fk in resource["schema"].get("foreignKeys", []):
        if fk["fields"] == [field["name"]]:
            target = fk["reference"]["resource"] or resource["name"]
            rules.append(f"must exist in `{target}.csv`")
    return "; ".join(rules).replace("|", "\\|")


def table_markdown(resource: dict) -> str:
    """One table's section: description, key, and one line per column."""
    key = ", ".join(f"`{k}`" for k in resource["schema"].get("primaryKey", []))
    lines = [f"### `{resource['path']}`", "", resource.get("description", "") + (f" Key: {key}." if key else ""), "",
             "| column | type | rules | meaning |", "|---|---|---|---|"]
    for field in resource["schema"]["fields"]:
        meaning = field.get("description", "").replace("|", "\\|")
        lines.append(f"| `{field['name']}` | {field['type']} | {_rules(field, resource)} | {meaning} |")
    return "\n".join(lines) + "\n"


def dictionary_markdown(descriptor: dict) -> str:
    """The whole section, every table in descriptor order."""
    return START + "\n" + "\n".join(table_markdown(r) for r in descriptor["resources"])


def readme_with_dictionary(readme: str, descriptor: dict) -> str:
    """The README text with its dictionary section replaced by the one the schema gives."""
    before, _, rest = readme.partition(START)
    after = rest[rest.index(END):] if END in rest else ""
    return before + dictionary_markdown(descriptor) + after


def datadict_main(argv: list[str]) -> int:
    directory = Path(argv[0]) if argv else data_dir()
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    readme = directory / "README.md"
    text = readme_with_dictionary(readme.read_text(encoding="utf-8"), descriptor)
    readme.write_text(text, encoding="utf-8")
    print(f"datadict: {len(descriptor['resources'])} tables written to {readme}", file=sys.stderr)
    return 0
