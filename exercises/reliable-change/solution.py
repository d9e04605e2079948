"""Reliable Change Index (Jacobson & Truax, 1991) on an invented outcome measure (model solution).

Daily Distress Checklist (invented for this course): 0 to 60, higher = more distress.
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
    if not sd_pre > 0:
        raise ValueError(f"sd_pre must be above 0, got {sd_pre}")
    if not 0 <= reliability < 1:
        raise ValueError(f"reliability must be at least 0 and below 1, got {reliability}")
    se = sd_pre * math.sqrt(1 - reliability)
    s_diff = math.sqrt(2 * se**2)
    return (post - pre) / s_diff


def classify(rc, lower_is_better=True):
    """Return "reliable improvement", "reliable deterioration" or "no reliable change"."""
    if abs(rc) <= CRITICAL:
        return "no reliable change"
    score_went_down = rc < 0
    if score_went_down == lower_is_better:
        return "reliable improvement"
    return "reliable deterioration"


def classify_file(filename="clients.csv"):
    """Return {client: classification} for every row of the CSV file (columns client, pre, post)."""
    results = {}
    with open(filename, newline="") as f:
        for row in csv.DictReader(f):
            rc = reliable_change(float(row["pre"]), float(row["post"]), SD_PRE, RELIABILITY)
            results[row["client"]] = classify(rc, lower_is_better=True)
    return results


if __name__ == "__main__":
    rc = reliable_change(38, 27, SD_PRE, RELIABILITY)
    print(rc, classify(rc))
    print(classify_file())
