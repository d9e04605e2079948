"""Grade an `order` question: the answer lists item indices (0 = first in the right order) as arranged."""


def grade(spec: dict, answer) -> dict:
    count = spec["count"]
    if not isinstance(answer, list) or sorted(answer) != list(range(count)):
        return {"verdict": "invalid"}
    in_place = sum(1 for position, item in enumerate(answer) if position == item)
    return {"verdict": "correct" if in_place == count else "incorrect", "in_place": in_place, "count": count}
