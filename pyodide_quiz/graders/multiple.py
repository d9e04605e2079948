"""Grade a `multiple` question: the answer is the list of ticked option indices."""


def grade(spec: dict, answer) -> dict:
    # Nothing ticked is no answer at all (the page asks for a tick first), not a wrong one.
    if not isinstance(answer, list) or not answer:
        return {"verdict": "invalid"}
    if any(not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < spec["options"] for i in answer):
        return {"verdict": "invalid"}
    ticked, right = set(answer), set(spec["correct"])
    found, wrong = len(ticked & right), len(ticked - right)
    if ticked == right:
        verdict = "correct"
    elif found:
        verdict = "partial"
    else:
        verdict = "incorrect"
    return {"verdict": verdict, "found": found, "wrong": wrong, "right": len(right)}
