"""The identity-keyed memo behind the maps' bounds and outline paths."""

from dashboard.figures.by_identity import MAX_ENTRIES, ByIdentity


def counting() -> tuple[ByIdentity[int], list[object]]:
    calls: list[object] = []

    def compute(obj: object, *key: object) -> int:
        calls.append(obj)
        return len(calls)

    return ByIdentity(compute), calls


def test_the_same_object_and_key_is_computed_once() -> None:
    memo, calls = counting()
    shapes = {"a": [[(0.0, 0.0)]]}
    assert memo(shapes, (1.0, 2.0)) == memo(shapes, (1.0, 2.0)) == 1
    assert len(calls) == 1
    assert memo(shapes, (3.0, 2.0)) == 2  # another key: computed again


def test_an_equal_but_other_object_is_computed_for_itself() -> None:
    memo, calls = counting()
    first, second = {"a": [1]}, {"a": [1]}
    memo(first)
    memo(second)
    assert calls == [first, second] and calls[1] is second


def test_it_holds_the_object_so_its_id_cannot_be_reused() -> None:
    memo, calls = counting()
    memo([1, 2])  # a temporary: kept alive by the memo, its id not handed to another list
    assert memo([1, 2]) == 2 and len(calls) == 2


def test_it_stays_small_when_callers_pass_fresh_objects() -> None:
    memo, calls = counting()
    for i in range(MAX_ENTRIES * 3):
        memo([i])
    assert len(memo._kept) <= MAX_ENTRIES and len(calls) == MAX_ENTRIES * 3
