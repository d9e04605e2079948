"""Three ways to say how big a correlation is: variance explained, BESD, and Cohen's d (model solution)."""

import math

ALLIANCE_R = 0.278  # face-to-face alliance-outcome correlation (Flückiger et al., 2018)


def _check_r(r, *, ends_allowed=True):
    """Raise ValueError unless r is a number from -1 to 1 (or strictly between, if ends_allowed is False)."""
    if isinstance(r, bool) or not isinstance(r, (int, float)):
        raise ValueError(f"r must be a number, got {r!r}")
    if ends_allowed and not -1 <= r <= 1:
        raise ValueError(f"r must be from -1 to 1, got {r}")
    if not ends_allowed and not -1 < r < 1:
        raise ValueError(f"r must be strictly between -1 and 1 here, got {r}")


def variance_explained(r):
    """Return r squared, as a proportion (0.077, not 7.7).

    Raise ValueError unless -1 <= r <= 1.
    """
    _check_r(r)
    return r**2


def besd(r):
    """Return the binomial effect size display as a tuple (0.5 + r / 2, 0.5 - r / 2).

    Raise ValueError unless -1 <= r <= 1.
    """
    _check_r(r)
    return (0.5 + r / 2, 0.5 - r / 2)


def r_to_d(r):
    """Return Cohen's d for a correlation r: 2 * r / sqrt(1 - r**2).

    Raise ValueError unless -1 < r < 1.
    """
    _check_r(r, ends_allowed=False)
    return 2 * r / math.sqrt(1 - r**2)


if __name__ == "__main__":
    print(variance_explained(ALLIANCE_R))
    print(besd(ALLIANCE_R))
    print(r_to_d(ALLIANCE_R))
