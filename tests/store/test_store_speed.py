"""Loading 10,000 claims costs little more than parsing the JSON and validating the records."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import TypeAdapter

from ce_tui.domain.models import Claim, Ledger
from ce_tui.store import TinyDBStore
from tests.store.helpers import add_claim, make_claim

CLAIMS = 10_000


def best_of(runs: int, action: Callable[[], object]) -> float:
    """The shortest of `runs` timings of `action`, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def test_loading_10000_claims_costs_json_plus_validation(tmp_path: Path) -> None:
    path = tmp_path / "ce-tui.json"
    claims = tuple(make_claim(n) for n in range(CLAIMS))
    TinyDBStore(path).update(lambda _: Ledger(claims=claims))
    records = TypeAdapter(list[Claim])

    def json_load() -> object:
        with open(path, "rb") as handle:
            return json.load(handle)

    def json_and_records() -> object:
        return records.validate_python(list(json_load()["claims"].values()))  # type: ignore[index]

    plain = best_of(3, json_load)
    floor = best_of(3, json_and_records)
    cold = best_of(3, lambda: TinyDBStore(path).load())
    store = TinyDBStore(path)
    store.load()
    warm = best_of(3, store.load)
    print(
        f"\n{CLAIMS} claims: json.load {plain * 1000:.0f} ms, json.load + record validation "
        f"{floor * 1000:.0f} ms, cold load {cold * 1000:.0f} ms, "
        f"unchanged file {warm * 1000:.1f} ms"
    )
    assert len(store.load().claims) == CLAIMS
    # The store adds little to parsing and validating the records it must validate anyway.
    assert cold < floor * 1.5 + 0.03
    # Reading an unchanged file again reuses the ledger read last time.
    assert warm < plain


def test_one_more_claim_in_a_store_of_10000_is_quick(tmp_path: Path) -> None:
    store = TinyDBStore(tmp_path / "ce-tui.json")
    claims = tuple(make_claim(n) for n in range(CLAIMS))
    store.update(lambda _: Ledger(claims=claims))
    fresh = iter(range(CLAIMS, CLAIMS + 10))
    took = best_of(3, lambda: store.update(add_claim(make_claim(next(fresh)))))
    print(f"\nadding one claim to {CLAIMS}: {took * 1000:.0f} ms")
    assert took < 1.0
