"""Practice Alliance Questionnaire (PAQ, invented for this course): subscale and total scores.

Model solution.
"""

# Item numbers (1 to 9) in each subscale.
SUBSCALES = {
    "goal": [1, 4, 7],
    "task": [2, 5, 8],
    "bond": [3, 6, 9],
}

# Items worded the other way round: a high answer means a weaker alliance.
REVERSED = {2, 6, 7}

LOWEST, HIGHEST = 1, 7  # the answer scale


def _check_answer(x):
    """Raise ValueError unless x is an int from 1 to 7."""
    # bool is a kind of int in Python, but True is not an answer.
    if isinstance(x, bool) or not isinstance(x, int):
        raise ValueError(f"an answer must be a whole number from 1 to 7, got {x!r}")
    if not LOWEST <= x <= HIGHEST:
        raise ValueError(f"an answer must be from 1 to 7, got {x}")


def reverse_key(x):
    """Return the reverse-keyed answer 8 - x.

    Raise ValueError unless x is a whole number (int) from 1 to 7.

    >>> reverse_key(2)
    6
    """
    _check_answer(x)
    return (LOWEST + HIGHEST) - x


def _mean(values):
    return sum(values) / len(values)


def score_paq(responses):
    """Score one PAQ form.

    responses: a list of 9 answers, responses[0] is item 1. Each answer is None (skipped)
    or an int from 1 to 7. Raise ValueError for anything else.

    Return {"goal": ..., "task": ..., "bond": ..., "total": ...}:
    - reverse-key the items in REVERSED (8 - x);
    - a subscale score is the mean of its answered items, or None if more than one is missing;
    - the total is the mean of the three subscale scores, or None if any of them is None.
    """
    n_items = sum(len(items) for items in SUBSCALES.values())
    if len(responses) != n_items:
        raise ValueError(f"expected {n_items} answers, got {len(responses)}")
    for item, answer in enumerate(responses, start=1):
        if answer is not None:
            try:
                _check_answer(answer)
            except ValueError as error:
                raise ValueError(f"item {item}: {error}") from None

    scores = {}
    for name, items in SUBSCALES.items():
        answered = []
        for item in items:
            answer = responses[item - 1]
            if answer is None:
                continue
            answered.append(reverse_key(answer) if item in REVERSED else answer)
        missing = len(items) - len(answered)
        scores[name] = _mean(answered) if missing <= 1 else None

    subscale_scores = [scores[name] for name in SUBSCALES]
    if any(score is None for score in subscale_scores):
        scores["total"] = None
    else:
        scores["total"] = _mean(subscale_scores)
    return scores


if __name__ == "__main__":
    print(score_paq([6, 2, 7, 5, 6, 1, 3, 6, 7]))
