"""Reliable Change Index (Jacobson & Truax, 1991) on an invented outcome measure.

Daily Distress Checklist (invented for this course): 0 to 60, higher = more distress.
Fill in the three functions.
"""

import csv
import math

SD_PRE = 7.5  # invented pretreatment SD of the checklist
RELIABILITY = 0.85  # invented test-retest reliability of the checklist
CRITICAL = 1.96  # abs(RC) must be larger than this


def reliable_change(pre, post, sd_pre, reliability):
    """Return the Reliable Change Index for one client.

    SE = sd_pre * sqrt(1 - reliability); S_diff = sqrt(2 * SE**2); RC = (post - pre) / S_diff.
    Raise ValueError unless sd_pre > 0 and 0 <= reliability < 1.
    """
    ...


def classify(rc, lower_is_better=True):
    """Return "reliable improvement", "reliable deterioration" or "no reliable change"."""
    ...


def classify_file(filename="clients.csv"):
    """Return {client: classification} for every row of the CSV file (columns client, pre, post)."""
    ...


if __name__ == "__main__":
    rc = reliable_change(38, 27, SD_PRE, RELIABILITY)
    print(rc, classify(rc))
    print(classify_file())
