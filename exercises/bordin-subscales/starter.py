"""Practice Alliance Questionnaire (PAQ, invented for this course): subscale and total scores.

Fill in reverse_key and score_paq. The key below is given; do not change it.
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


def reverse_key(x):
    """Return the reverse-keyed answer 8 - x.

    Raise ValueError unless x is a whole number (int) from 1 to 7.

    >>> reverse_key(2)
    6
    """
    ...


def score_paq(responses):
    """Score one PAQ form.

    responses: a list of 9 answers, responses[0] is item 1. Each answer is None (skipped)
    or an int from 1 to 7. Raise ValueError for anything else.

    Return {"goal": ..., "task": ..., "bond": ..., "total": ...}:
    - reverse-key the items in REVERSED (8 - x);
    - a subscale score is the mean of its answered items, or None if more than one is missing;
    - the total is the mean of the three subscale scores, or None if any of them is None.
    """
    ...


if __name__ == "__main__":
    print(score_paq([6, 2, 7, 5, 6, 1, 3, 6, 7]))
