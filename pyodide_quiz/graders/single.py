"""Grade a `single` question: the answer is the index of the chosen option."""


def grade(spec: dict, answer) -> dict:
    if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer < spec["options"]:
        return {"verdict": "invalid"}
    return {"verdict": "correct" if answer == spec["correct"] else "incorrect"}
