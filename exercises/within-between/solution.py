"""Within-client and between-client associations of alliance and improvement (model solution).

The data in sessions.csv are invented.
"""

import csv
import statistics


def load_sessions(filename="sessions.csv"):
    """Return the sessions as a list of dicts with keys client, session, alliance and improvement."""
    with open(filename, newline="") as f:
        return [
            {
                "client": row["client"],
                "session": int(row["session"]),
                "alliance": float(row["alliance"]),
                "improvement": float(row["improvement"]),
            }
            for row in csv.DictReader(f)
        ]


def client_means(rows):
    """Return {client: (mean alliance, mean improvement)}, one entry per client in rows."""
    grouped = {}
    for row in rows:
        pair = grouped.setdefault(row["client"], ([], []))
        pair[0].append(row["alliance"])
        pair[1].append(row["improvement"])
    return {
        client: (statistics.mean(alliance), statistics.mean(improvement))
        for client, (alliance, improvement) in grouped.items()
    }


def centre(rows):
    """Return one (centred alliance, centred improvement) pair per row, in the order of rows.

    Centred means: the row's value minus the mean of the same client's rows.
    """
    means = client_means(rows)
    return [
        (row["alliance"] - means[row["client"]][0], row["improvement"] - means[row["client"]][1])
        for row in rows
    ]


def between_client_r(rows):
    """Correlation across clients: each client's mean alliance with the same client's mean improvement."""
    means = list(client_means(rows).values())
    return statistics.correlation([m[0] for m in means], [m[1] for m in means])


def within_client_r(rows):
    """Correlation of centred alliance with centred improvement, pooled over every session of every client."""
    pairs = centre(rows)
    return statistics.correlation([p[0] for p in pairs], [p[1] for p in pairs])


def chart():
    """Client means, the between-client line and the within-client line, on the same axes."""
    rows = load_sessions()
    mean_alliance = statistics.mean(row["alliance"] for row in rows)
    mean_improvement = statistics.mean(row["improvement"] for row in rows)
    series = [{"label": "Average of all sessions", "points": [[round(mean_alliance, 3), round(mean_improvement, 3)]]}]

    means = client_means(rows) or {}
    if len(means) >= 2:
        xs = [m[0] for m in means.values()]
        ys = [m[1] for m in means.values()]
        low, high = min(xs), max(xs)
        series.append({"label": "Client means", "points": [[round(x, 3), round(y, 3)] for x, y in zip(xs, ys)]})

        def line(slope):
            return [[round(x, 3), round(mean_improvement + slope * (x - mean_alliance), 3)] for x in (low, high)]

        series.append({"label": "Between-client line", "points": line(statistics.linear_regression(xs, ys).slope)})
        pairs = centre(rows) or []
        if len(pairs) >= 2:
            slope = statistics.linear_regression([p[0] for p in pairs], [p[1] for p in pairs]).slope
            series.append({"label": "Within-client line", "points": line(slope)})
    return {
        "title": "Alliance and improvement, 8 invented clients",
        "x_label": "Alliance rating (1 to 7)",
        "y_label": "Improvement (points)",
        "series": series,
    }


if __name__ == "__main__":
    rows = load_sessions()
    for client, (alliance, improvement) in client_means(rows).items():
        print(f"Client {client}: mean alliance {alliance:.2f}, mean improvement {improvement:.2f}")
    print(f"Between-client r: {between_client_r(rows):.2f}")
    print(f"Within-client r:  {within_client_r(rows):.2f}")
