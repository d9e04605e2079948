"""Rupture-repair sequences in one client's session-by-session alliance scores.

load_scores() and chart() are written for you. Fill in find_ruptures and count_by_threshold.
The data in sessions.csv are invented.
"""

import csv
import statistics

WINDOW = 2  # a repair must come within this many sessions after the dip


def load_scores(filename="sessions.csv"):
    """Return the alliance scores from the CSV file as a list of floats, in session order."""
    with open(filename, newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda row: int(row["session"]))
    return [float(row["score"]) for row in rows]


def find_ruptures(scores, k):
    """Return the session numbers (1-based) that start a rupture-repair sequence.

    Session i is a rupture when:
    1. its score <= mean - k * sd (population SD: statistics.pstdev);
    2. it is not session 1, and the previous session scored above that threshold;
    3. at least one of the next WINDOW sessions scores >= mean.
    Return [] if scores is empty or the SD is 0.
    """
    ...


def count_by_threshold(scores):
    """Return {1: number of ruptures with k = 1, 2: number of ruptures with k = 2}."""
    ...


def chart():
    """The client's scores, with a mark at each rupture found with k = 1."""
    scores = load_scores()
    mean = statistics.mean(scores)
    sd = statistics.pstdev(scores)
    last = len(scores)
    ruptures = find_ruptures(scores, 1) or []
    return {
        "title": "Alliance over 16 sessions (invented client)",
        "x_label": "Session",
        "y_label": "Alliance score (1 to 7)",
        "series": [
            {"label": "Client R", "points": [[n, s] for n, s in enumerate(scores, start=1)]},
            {"label": "Client's mean", "points": [[1, round(mean, 2)], [last, round(mean, 2)]]},
            {"label": "Mean minus 1 SD", "points": [[1, round(mean - sd, 2)], [last, round(mean - sd, 2)]]},
        ],
        "marks": [{"x": n, "label": "rupture"} for n in ruptures],
    }


if __name__ == "__main__":
    scores = load_scores()
    print(scores)
    print("k = 1:", find_ruptures(scores, 1))
    print("k = 2:", find_ruptures(scores, 2))
    print(count_by_threshold(scores))
