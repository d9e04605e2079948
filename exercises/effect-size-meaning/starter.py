"""Three ways to say how big a correlation is: variance explained, BESD, and Cohen's d.

Fill in the three functions.
"""

import math

ALLIANCE_R = 0.278  # face-to-face alliance-outcome correlation (Flückiger et al., 2018)


def variance_explained(r):
    """Return r squared, as a proportion (0.077, not 7.7).

    Raise ValueError unless -1 <= r <= 1.
    """
    ...


def besd(r):
    """Return the binomial effect size display as a tuple (0.5 + r / 2, 0.5 - r / 2).

    Raise ValueError unless -1 <= r <= 1.
    """
    ...


def r_to_d(r):
    """Return Cohen's d for a correlation r: 2 * r / sqrt(1 - r**2).

    Raise ValueError unless -1 < r < 1.
    """
    ...


if __name__ == "__main__":
    print(variance_explained(ALLIANCE_R))
    print(besd(ALLIANCE_R))
    print(r_to_d(ALLIANCE_R))
