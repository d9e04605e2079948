"""Session Rating Scale: total score and a "possible concern" flag.

Fill in the two functions. The tests call them as srs_total(...) and possible_concern(...).
"""

CONCERN_BELOW = 36  # a total below this raises the "possible concern" flag


def srs_total(marks):
    """Return the total of four SRS marks, rounded to one decimal place.

    marks: a list or tuple of exactly four numbers, each from 0 to 10.
    Raise ValueError with a clear message if the form breaks these rules.

    >>> srs_total([9.1, 8.7, 9.3, 8.9])
    36.0
    """
    ...


def possible_concern(marks):
    """Return True if the SRS total is below 36, otherwise False.

    Use srs_total(marks), so that a bad form raises the same ValueError.
    """
    ...


if __name__ == "__main__":
    print(srs_total([9.1, 8.7, 9.3, 8.9]))
    print(possible_concern([9.1, 8.7, 9.3, 8.9]))
