"""Session Rating Scale: total score and a "possible concern" flag (model solution)."""

CONCERN_BELOW = 36  # a total below this raises the "possible concern" flag


def srs_total(marks):
    """Return the total of four SRS marks, rounded to one decimal place.

    marks: a list or tuple of exactly four numbers, each from 0 to 10.
    Raise ValueError with a clear message if the form breaks these rules.

    >>> srs_total([9.1, 8.7, 9.3, 8.9])
    36.0
    """
    if not isinstance(marks, (list, tuple)):
        raise ValueError(f"expected a list or tuple of 4 marks, got {type(marks).__name__}")
    if len(marks) != 4:
        raise ValueError(f"expected 4 marks, got {len(marks)}")
    for position, mark in enumerate(marks, start=1):
        # bool is a kind of int in Python, but True is not a mark on a line.
        if isinstance(mark, bool) or not isinstance(mark, (int, float)):
            raise ValueError(f"mark {position} is not a number: {mark!r}")
        if not 0 <= mark <= 10:  # also rejects float("nan")
            raise ValueError(f"mark {position} is {mark}, outside 0 to 10")
    return round(sum(marks), 1)


def possible_concern(marks):
    """Return True if the SRS total is below 36, otherwise False.

    Use srs_total(marks), so that a bad form raises the same ValueError.
    """
    return srs_total(marks) < CONCERN_BELOW


if __name__ == "__main__":
    print(srs_total([9.1, 8.7, 9.3, 8.9]))
    print(possible_concern([9.1, 8.7, 9.3, 8.9]))
