"""Tests of the shipped catalog and the catalog helpers (search, filter, sort, sessions)."""

from __future__ import annotations

import importlib.util
import json
import re
import time
from collections import Counter
from dataclasses import replace
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from ce_tui.domain.catalog import (
    CATALOG_FORMAT,
    SORT_KEYS,
    CatalogError,
    filter_activities,
    find_activity,
    full_catalog,
    next_session,
    parse_catalog,
    search,
    shipped_catalog,
    sort_activities,
)
from ce_tui.domain.models import ACTIVITY_TYPES, TECHNOLOGIES, Activity, Ledger

ROOT = Path(__file__).resolve().parents[2]


def make(ident: str, **fields: Any) -> Activity:
    """An activity with defaults for every field not given."""
    values: dict[str, Any] = {
        "id": ident,
        "title": f"Title {ident}",
        "provider": "Acme",
        "type": "ilt",
        "technology": "Enterprise",
        "credits": 8,
    }
    values.update(fields)
    return Activity(**values)


def ids(activities: list[Activity]) -> list[str]:
    """The ids of `activities`, in order."""
    return [activity.id for activity in activities]


# --- the shipped catalog ----------------------------------------------------------------


def test_shipped_catalog_loads_validates_and_is_cached() -> None:
    catalog = shipped_catalog()
    assert len(catalog) >= 70
    assert all(isinstance(activity, Activity) for activity in catalog)
    assert shipped_catalog() is catalog


def test_shipped_file_has_the_format_tag_and_a_note() -> None:
    document = json.loads(
        resources.files("ce_tui.domain").joinpath("catalog.json").read_text("utf-8")
    )
    assert document["format"] == CATALOG_FORMAT
    assert "estimate" in document["note"]
    assert len(document["activities"]) == len(shipped_catalog())


def test_ids_are_unique_and_uppercase_with_dashes() -> None:
    catalog_ids = [activity.id for activity in shipped_catalog()]
    assert len(set(catalog_ids)) == len(catalog_ids)
    for ident in catalog_ids:
        assert re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)*", ident), ident


def test_every_type_and_technology_occurs() -> None:
    types = Counter(activity.type for activity in shipped_catalog())
    technologies = Counter(activity.technology for activity in shipped_catalog())
    assert set(types) == set(ACTIVITY_TYPES)
    assert set(technologies) == set(TECHNOLOGIES)
    assert min(technologies.values()) >= 3


def test_credits_hours_and_format_of_every_item() -> None:
    catalog = shipped_catalog()
    for activity in catalog:
        assert 1 <= activity.credits <= 64, activity.id
        assert activity.hours > 0, activity.id
        assert activity.format, activity.id
        assert activity.source, activity.id
    assert min(activity.credits for activity in catalog) == 1
    assert max(activity.credits for activity in catalog) == 64


def test_sources_are_citations_not_paths() -> None:
    for activity in shipped_catalog():
        assert not re.search(r"(^|\s)/|\\|file:", activity.source), activity.source


def test_nil_items_have_estimated_prices_and_sessions() -> None:
    nil = [activity for activity in shipped_catalog() if activity.provider == "NIL"]
    assert len(nil) >= 15
    for activity in nil:
        assert activity.type in ("ilt", "vilt"), activity.id
        assert activity.price_clc is not None and activity.price_clc > 0, activity.id
        assert activity.price_estimated, activity.id
        assert 1 <= len(activity.sessions) <= 4, activity.id
        assert list(activity.sessions) == sorted(set(activity.sessions)), activity.id
        for day in activity.sessions:
            assert date(2026, 12, 1) <= day <= date(2027, 12, 31), activity.id


def test_only_published_sources_are_unestimated() -> None:
    for activity in shipped_catalog():
        if activity.type in ("cisco-live", "webinar", "authoring"):
            assert activity.credits_estimated, activity.id
        if not activity.credits_estimated:
            assert (
                "Fast Lane US catalogue" in activity.source
                or "Rev Up to Recert" in activity.source
                or "Cisco U. path" in activity.source
            ), activity.id
        if activity.price_clc is not None and not activity.price_estimated:
            assert activity.id == "FL-ENCOR-B"


def test_every_shipped_activity_has_a_price() -> None:
    for activity in shipped_catalog():
        assert activity.price_clc is not None, activity.id
        assert activity.price_clc >= 0, activity.id


def test_only_published_prices_are_unestimated() -> None:
    published = [a.id for a in shipped_catalog() if not a.price_estimated]
    assert published == ["FL-ENCOR-B"]
    encor_b = find_activity(shipped_catalog(), "FL-ENCOR-B")
    assert encor_b is not None and encor_b.price_clc == 50
    assert "50 CLC" in encor_b.source


def test_estimated_prices_say_so_in_their_source() -> None:
    for activity in shipped_catalog():
        if activity.price_estimated:
            assert "price estimated" in activity.source, activity.id
            assert f"{activity.price_clc} CLC" in activity.source, activity.id


def test_the_catalog_note_states_the_price_rules() -> None:
    document = json.loads(
        resources.files("ce_tui.domain").joinpath("catalog.json").read_text("utf-8")
    )
    note = document["note"]
    for words in ("1 CLC = US$100", "50 CLC", "15 CLC", "48 CLC", "5-day 40", "price_estimated"):
        assert words in note, words


# Estimated prices (CLC) by kind of item, as the catalog note states them.
ESTIMATED_PRICES = {
    "CSCO-SDWFND": 18,  # 2-day class
    "CSCO-ENAUI": 27,  # 3-day class
    "CSCO-ENCC": 32,  # 4-day class
    "CSCO-SCOR": 40,  # 5-day class
    "CSCO-ENCOR": 40,  # 5-day class (+ self-study)
    "CSCO-CCNA": 35,
    "NIL-CCNA-VILT": 35,
    "NIL-SCOR-ILT": 40,
    "NTO-SDWSEC": 27,
    "CSCO-C2C": 8,  # 180-day e-learning
    "CSCO-CBRFIR": 8,
    "CU-DEVNAE": 0,  # learning path offered free (Rev Up)
    "CU-REVUP-PYTHON": 0,
    "CU-WEB-ENT-AIOPS": 0,  # webinar
    "AUTH-ENT-ITEMS": 0,  # exam authoring
    "CL27-TECENS-2001": 10,  # Cisco Live technical seminar
    "CL27-LTRAUT-2005": 2,  # Cisco Live lab
    "CL27-BRKENS-2001": 1,  # Cisco Live breakout
}


@pytest.mark.parametrize(("ident", "price"), sorted(ESTIMATED_PRICES.items()))
def test_estimated_prices_follow_the_rules(ident: str, price: int) -> None:
    activity = find_activity(shipped_catalog(), ident)
    assert activity is not None
    assert activity.price_clc == price
    assert activity.price_estimated


def test_prices_by_kind_of_item() -> None:
    """Every item of a kind is priced by the same rule (classes by their length in days)."""
    by_days = {2: 18, 3: 27, 4: 32, 5: 40}
    flat = {"elearning": 8, "learning-path": 0, "webinar": 0, "authoring": 0}
    live = {"TEC": 10, "LTR": 2, "BRK": 1}
    for activity in shipped_catalog():
        if activity.id == "FL-ENCOR-B":
            continue
        if activity.type in flat:
            expected = flat[activity.type]
        elif activity.type == "cisco-live":
            expected = live[activity.code[:3]]
        elif activity.code == "CCNA":
            expected = 35
        else:
            days = int(activity.format.split("-day", 1)[0])
            expected = by_days[days]
        assert activity.price_clc == expected, activity.id


# Published values from the catalog facts (Fast Lane US catalogue, Oct 2024; Rev Up 2023).
PUBLISHED = {
    "CSCO-SCOR": 64,
    "CSCO-DCCOR": 64,
    "CSCO-SPCOR": 64,
    "CSCO-CLCOR": 64,
    "CSCO-DEVCOR": 64,
    "CSCO-DCIT": 50,
    "CSCO-DEVASC": 48,
    "CSCO-DCEIS": 11,
    "CSCO-DCNDE": 26,
    "CSCO-CCNA": 30,
    "CSCO-ENAUI": 24,
    "CSCO-SDWFND": 16,
    "CSCO-SESA": 24,
    "CSCO-CSAU": 16,
    "CSCO-NSO303": 32,
    "CSCO-C2C": 32,
    "CSCO-CLWXCALL": 18,
    "NTO-DNASPA": 18,
    "CU-DEVNAE": 16,
    "CU-ENTEIT": 24,
    "CU-CBROPS": 30,
    "NIL-SCOR-VILT": 64,
    "NIL-CCNA-ILT": 30,
}


@pytest.mark.parametrize(("ident", "credits"), sorted(PUBLISHED.items()))
def test_published_values_match_the_facts(ident: str, credits: int) -> None:
    activity = find_activity(shipped_catalog(), ident)
    assert activity is not None
    assert activity.credits == credits
    assert not activity.credits_estimated


@pytest.mark.parametrize(
    "ident",
    ["CSCO-ENCOR", "CSCO-ENARSI", "CSCO-DEVOPS", "CSCO-CBRFIR", "NIL-ENCOR-VILT", "FL-ENCOR-B"],
)
def test_values_not_published_are_marked_estimated(ident: str) -> None:
    activity = find_activity(shipped_catalog(), ident)
    assert activity is not None and activity.credits_estimated


def test_inferred_rev_up_value_is_marked_estimated() -> None:
    activity = find_activity(shipped_catalog(), "CU-REVUP-PYTHON")
    assert activity is not None
    assert activity.credits == 15 and activity.credits_estimated


def test_course_codes_and_titles_are_the_published_ones() -> None:
    scor = find_activity(shipped_catalog(), "CSCO-SCOR")
    assert scor is not None
    assert scor.code == "SCOR"
    assert scor.title == "Implementing and Operating Cisco Security Core Technologies"
    assert scor.hours == 40


def test_generator_matches_the_shipped_file() -> None:
    script = ROOT / "tools" / "build_catalog.py"
    if not script.exists():
        pytest.skip("generator not present")
    spec = importlib.util.spec_from_file_location("build_catalog", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = resources.files("ce_tui.domain").joinpath("catalog.json").read_text("utf-8")
    assert module.render() == shipped


# --- parsing -----------------------------------------------------------------------------


def _document(*activities: dict[str, Any], fmt: str = CATALOG_FORMAT) -> str:
    """A catalog file's text."""
    return json.dumps({"format": fmt, "note": "", "activities": list(activities)})


GOOD = {
    "id": "X-1",
    "title": "A course",
    "provider": "Acme",
    "type": "ilt",
    "technology": "Security",
    "credits": 8,
}


def test_parse_catalog_accepts_a_minimal_file() -> None:
    (activity,) = parse_catalog(_document(GOOD))
    assert activity.id == "X-1" and activity.credits == Decimal(8)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("not json", "(file)"),
        (_document(GOOD, fmt="ce-tui-catalog/2"), "format"),
        (_document(GOOD, GOOD), "duplicate activity ids: X-1"),
        (_document({**GOOD, "credits": 0}), "activities.0.credits"),
        (_document({**GOOD, "type": "podcast"}), "activities.0.type"),
        (_document({**GOOD, "technology": "Cloud"}), "activities.0.technology"),
        (_document({**GOOD, "sessions": ["2027-02-30"]}), "activities.0.sessions"),
        (_document({**GOOD, "colour": "red"}), "colour"),
        (_document(), "(file): the catalog has no activities"),
        (json.dumps({"format": CATALOG_FORMAT}), "activities"),
    ],
)
def test_parse_catalog_refuses_invalid_files_with_a_clear_message(text: str, fragment: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, "my-catalog.json")
    message = str(caught.value)
    assert message.startswith("my-catalog.json is not a valid catalog:")
    assert fragment in message


def test_parse_catalog_caps_the_number_of_problems_listed() -> None:
    bad = [{**GOOD, "id": f"X-{n}", "credits": -1} for n in range(8)]
    with pytest.raises(CatalogError, match=r"\(and 3 more\)"):
        parse_catalog(_document(*bad))


# --- full catalog --------------------------------------------------------------------------


def test_full_catalog_without_user_items_is_the_shipped_one() -> None:
    assert full_catalog(Ledger()) == shipped_catalog()


def test_full_catalog_user_items_replace_by_id_and_are_added() -> None:
    shipped = shipped_catalog()
    mine_scor = make("CSCO-SCOR", title="My SCOR", credits=10)
    mine_new = make("MY-1", title="Lab day")
    merged = full_catalog(Ledger(catalog=(mine_new, mine_scor)))
    assert len(merged) == len(shipped) + 1
    position = ids(list(shipped)).index("CSCO-SCOR")
    assert merged[position] is mine_scor
    assert merged[-1] is mine_new
    assert [a.id for a in merged].count("CSCO-SCOR") == 1
    assert shipped_catalog() is shipped
    assert find_activity(shipped_catalog(), "CSCO-SCOR") != mine_scor


# --- search ----------------------------------------------------------------------------------


SAMPLE = [
    make(
        "NIL-SCOR-VILT",
        code="SCOR",
        title="Security Core",
        provider="NIL",
        type="vilt",
        technology="Security",
    ),
    make("CSCO-SCOR", code="SCOR", title="Security Core", provider="Cisco", technology="Security"),
    make(
        "CSCO-DCCOR",
        code="DCCOR",
        title="Data Center Core",
        provider="Cisco",
        technology="Data Center",
    ),
    make(
        "CL27-BRKEWN-2010",
        code="BRKEWN-2010",
        title="Designing Wi-Fi 7 networks",
        provider="Cisco Live",
        type="cisco-live",
        technology="Wireless",
    ),
]


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_search_blank_text_returns_everything_in_order(text: str) -> None:
    assert search(SAMPLE, text) == SAMPLE
    assert search(iter(SAMPLE), text) == SAMPLE


def test_search_no_match_returns_an_empty_list() -> None:
    assert search(SAMPLE, "zzz") == []
    assert search([], "scor") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("scor", ["NIL-SCOR-VILT", "CSCO-SCOR"]),
        ("SCOR", ["NIL-SCOR-VILT", "CSCO-SCOR"]),
        ("nil scor", ["NIL-SCOR-VILT"]),
        ("scor nil", ["NIL-SCOR-VILT"]),
        ("core", ["NIL-SCOR-VILT", "CSCO-SCOR", "CSCO-DCCOR"]),
        ("data center", ["CSCO-DCCOR"]),
        ("wireless", ["CL27-BRKEWN-2010"]),
        ("cisco live", ["CL27-BRKEWN-2010"]),
        ("brkewn", ["CL27-BRKEWN-2010"]),
        ("cl27", ["CL27-BRKEWN-2010"]),
        ("wi-fi", ["CL27-BRKEWN-2010"]),
        ("scor wireless", []),
    ],
)
def test_search_matches_every_word_in_any_field(text: str, expected: list[str]) -> None:
    assert ids(search(SAMPLE, text)) == expected


def test_search_ignores_fields_outside_the_haystack() -> None:
    item = make("X-1", format="5-day class", source="Fast Lane")
    assert search([item], "5-day") == []
    assert search([item], "fast") == []


def test_search_sees_a_new_object_with_the_same_id() -> None:
    first = make("X-1", title="Alpha")
    assert search([first], "alpha") == [first]
    second = make("X-1", title="Beta")
    assert search([second], "alpha") == []
    assert search([second], "beta") == [second]


def test_search_over_the_shipped_catalog() -> None:
    found = ids(search(shipped_catalog(), "nil security"))
    assert "NIL-SCOR-VILT" in found and "NIL-SISE-ILT" in found
    assert all(ident.startswith("NIL-") for ident in found)


def test_search_of_2000_activities_is_fast() -> None:
    base = shipped_catalog()
    big = [
        replace(activity, id=f"{activity.id}-{n}")
        for n in range(2000 // len(base) + 1)
        for activity in base
    ][:2000]
    search(big, "warm")
    best = min(_timed(lambda: search(big, "cisco security core 64")) for _ in range(5))
    assert best < 0.010


def _timed(action: Any) -> float:
    """Seconds `action()` took."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# --- filter ----------------------------------------------------------------------------------


def test_filter_by_type_technology_or_both() -> None:
    assert filter_activities(SAMPLE) == SAMPLE
    assert filter_activities(SAMPLE, type="", technology="") == SAMPLE
    assert ids(filter_activities(SAMPLE, type="vilt")) == ["NIL-SCOR-VILT"]
    assert ids(filter_activities(SAMPLE, technology="Security")) == [
        "NIL-SCOR-VILT",
        "CSCO-SCOR",
    ]
    assert ids(filter_activities(SAMPLE, type="ilt", technology="Security")) == ["CSCO-SCOR"]
    assert filter_activities(SAMPLE, type="webinar") == []
    assert filter_activities(SAMPLE, type="ilt", technology="Wireless") == []


def test_filter_the_shipped_catalog_by_every_type() -> None:
    catalog = shipped_catalog()
    total = sum(len(filter_activities(catalog, type=kind)) for kind in ACTIVITY_TYPES)
    assert total == len(catalog)


# --- next session ------------------------------------------------------------------------------


def test_next_session() -> None:
    item = make("X", sessions=(date(2027, 5, 3), date(2027, 1, 11), date(2027, 9, 6)))
    assert next_session(item, date(2026, 12, 1)) == date(2027, 1, 11)
    assert next_session(item, date(2027, 1, 11)) == date(2027, 1, 11)
    assert next_session(item, date(2027, 1, 12)) == date(2027, 5, 3)
    assert next_session(item, date(2027, 9, 6)) == date(2027, 9, 6)
    assert next_session(item, date(2027, 9, 7)) is None
    assert next_session(make("Y"), date(2027, 1, 1)) is None


# --- sort ----------------------------------------------------------------------------------------


PRICED = [
    make("A", title="Bravo", credits=40, price_clc=40, hours=40, provider="NIL"),
    make("B", title="alpha", credits=64, hours=24, provider="cisco"),
    make("C", title="Charlie", credits=16, price_clc=18, hours=16, provider="Acme"),
    make("D", title="Delta", credits=40, hours=1.5, provider="Cisco Live"),
]


@pytest.mark.parametrize("key", SORT_KEYS)
@pytest.mark.parametrize("reverse", [False, True])
def test_every_sort_key_keeps_every_item(key: str, reverse: bool) -> None:
    catalog = shipped_catalog()
    result = sort_activities(catalog, key, reverse, today=date(2027, 1, 1))
    assert sorted(ids(result)) == sorted(ids(list(catalog)))


def test_sort_by_title_is_case_insensitive() -> None:
    assert ids(sort_activities(PRICED, "title")) == ["B", "A", "C", "D"]
    assert ids(sort_activities(PRICED, "title", reverse=True)) == ["D", "C", "A", "B"]


def test_sort_by_provider_is_case_insensitive() -> None:
    assert ids(sort_activities(PRICED, "provider")) == ["C", "B", "D", "A"]


def test_sort_by_credits_breaks_ties_by_title_in_both_directions() -> None:
    assert ids(sort_activities(PRICED, "credits")) == ["C", "A", "D", "B"]
    assert ids(sort_activities(PRICED, "credits", reverse=True)) == ["B", "A", "D", "C"]


def test_sort_by_hours() -> None:
    assert ids(sort_activities(PRICED, "hours")) == ["D", "C", "B", "A"]


def test_sort_by_price_puts_none_last_in_both_directions() -> None:
    assert ids(sort_activities(PRICED, "price_clc")) == ["C", "A", "B", "D"]
    assert ids(sort_activities(PRICED, "price_clc", reverse=True)) == ["A", "C", "B", "D"]
    assert ids(sort_activities(PRICED, "price")) == ["C", "A", "B", "D"]


def test_sort_by_next_session_puts_none_last() -> None:
    items = [
        make("A", title="A", sessions=(date(2027, 3, 1),)),
        make("B", title="B"),
        make("C", title="C", sessions=(date(2026, 12, 7), date(2027, 6, 7))),
        make("D", title="D", sessions=(date(2026, 12, 14),)),
    ]
    today = date(2027, 1, 1)
    assert ids(sort_activities(items, "next_session", today=today)) == ["A", "C", "B", "D"]
    assert ids(sort_activities(items, "next session", True, today=today)) == [
        "C",
        "A",
        "B",
        "D",
    ]
    assert ids(sort_activities(items, "next-session")) == ["C", "D", "A", "B"]


def test_sort_by_type_and_technology() -> None:
    assert ids(sort_activities(SAMPLE, "type"))[0] == "CL27-BRKEWN-2010"
    assert ids(sort_activities(SAMPLE, "technology")) == [
        "CSCO-DCCOR",
        "CSCO-SCOR",
        "NIL-SCOR-VILT",
        "CL27-BRKEWN-2010",
    ]


def test_sort_accepts_any_iterable_and_leaves_the_input_alone() -> None:
    original = list(PRICED)
    assert ids(sort_activities(iter(PRICED), "credits")) == ["C", "A", "D", "B"]
    assert original == PRICED
    assert sort_activities([], "title") == []


def test_sort_refuses_an_unknown_key() -> None:
    with pytest.raises(ValueError, match="unknown sort key 'colour'"):
        sort_activities(PRICED, "colour")
