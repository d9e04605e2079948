"""Tests for the within-between exercise. All data are invented.

sessions.csv: 8 clients (A to H), 8 sessions each. Between-client r = 0.80, within-client r = 0.22;
pooling the raw values without centring gives 0.63.
"""

import math

from student import between_client_r, centre, chart, client_means, load_sessions, within_client_r


def rows_from(table):
    """Build rows from (client, alliance, improvement) triples; sessions are numbered per client."""
    counts = {}
    rows = []
    for client, alliance, improvement in table:
        counts[client] = counts.get(client, 0) + 1
        rows.append({"client": client, "session": counts[client], "alliance": alliance, "improvement": improvement})
    return rows


# Two invented clients: B rates the alliance higher and improves more than A overall, yet within each
# client the sessions with a higher rating are followed by less improvement.
TINY = rows_from([("A", 1, 3), ("A", 2, 2), ("A", 3, 1), ("B", 5, 7), ("B", 6, 6), ("B", 7, 5)])


def close(a, b, places=3):
    return isinstance(a, (int, float)) and math.isclose(a, b, abs_tol=10 ** -places)


def test_load_sessions_reads_the_file():
    rows = load_sessions()
    assert len(rows) == 64, f"sessions.csv holds 64 sessions (8 clients x 8), got {len(rows)}"
    assert rows[0] == {"client": "A", "session": 1, "alliance": 3.1, "improvement": 1.2}, (
        f"The first row should be client A, session 1, alliance 3.1, improvement 1.2; got {rows[0]!r}"
    )


def test_client_means_on_a_tiny_example():
    result = client_means(TINY)
    assert isinstance(result, dict) and sorted(result) == ["A", "B"], (
        f"client_means should return a dict with one key per client ('A' and 'B' here), got {result!r}"
    )
    assert close(result["A"][0], 2) and close(result["A"][1], 2), (
        f"Client A rated 1, 2, 3 and improved 3, 2, 1, so both means are 2; got {result['A']!r}"
    )
    assert close(result["B"][0], 6) and close(result["B"][1], 6), f"Client B's means are (6, 6); got {result['B']!r}"


def test_client_means_on_the_data():
    result = client_means(load_sessions())
    assert isinstance(result, dict) and len(result) == 8, f"sessions.csv has 8 clients, got {result!r}"
    assert close(result["A"][0], 3.4875) and close(result["A"][1], 0.7875), (
        f"Client A's mean alliance is 3.4875 and mean improvement 0.7875; got {result['A']!r}"
    )
    assert close(result["H"][0], 6.1875) and close(result["H"][1], 2.475), (
        f"Client H's mean alliance is 6.1875 and mean improvement 2.475; got {result['H']!r}"
    )


def test_centre_on_a_tiny_example():
    result = centre(TINY)
    expected = [(-1, 1), (0, 0), (1, -1), (-1, 1), (0, 0), (1, -1)]
    assert result is not None and len(result) == 6, f"centre should return one pair per row (6 here), got {result!r}"
    assert all(close(a, x) and close(b, y) for (a, b), (x, y) in zip(result, expected)), (
        f"Subtract each client's own means: expected {expected}, got {result!r}. "
        "Client B's first session (alliance 5, improvement 7) is 1 below B's mean alliance of 6 and 1 above B's mean improvement."
    )


def test_centre_uses_each_clients_own_mean_whatever_the_row_order():
    mixed = [TINY[3], TINY[0], TINY[4], TINY[1], TINY[5], TINY[2]]  # B, A, B, A, B, A
    result = centre(mixed)
    expected = [(-1, 1), (-1, 1), (0, 0), (0, 0), (1, -1), (1, -1)]
    assert result is not None and all(close(a, x) and close(b, y) for (a, b), (x, y) in zip(result, expected)), (
        f"With the rows in the order B, A, B, A, B, A the answer is {expected}, got {result!r}. "
        "Group the rows by client to find the means, but return the pairs in the order of the rows."
    )


def test_centred_values_average_zero_for_every_client():
    rows = load_sessions()
    pairs = centre(rows)
    assert pairs is not None and len(pairs) == 64, f"centre should return 64 pairs for sessions.csv, got {pairs!r}"
    for client in "ABCDEFGH":
        mine = [pair for pair, row in zip(pairs, rows) if row["client"] == client]
        total_a = sum(p[0] for p in mine)
        total_i = sum(p[1] for p in mine)
        assert close(total_a, 0) and close(total_i, 0), (
            f"Client {client}'s centred values should add up to 0 (they are distances from the client's own mean); "
            f"got sums {total_a:.3f} and {total_i:.3f}. Did you subtract the mean of all clients instead?"
        )


def test_the_two_levels_can_even_point_opposite_ways():
    between = between_client_r(TINY)
    within = within_client_r(TINY)
    assert close(between, 1.0), f"Across the two clients the means rise together, so between-client r = 1.0; got {between!r}"
    assert close(within, -1.0), (
        f"Within each client, higher alliance goes with lower improvement, so within-client r = -1.0; got {within!r}"
    )


def test_between_client_r_on_the_data():
    result = between_client_r(load_sessions())
    assert close(result, 0.8002), (
        f"The correlation of the 8 client means is 0.80 (0.8002), got {result!r}. "
        "Correlate the 8 mean alliance ratings with the 8 mean improvements (statistics.correlation)."
    )


def test_within_client_r_on_the_data():
    result = within_client_r(load_sessions())
    assert not close(result, 0.6348), (
        "0.63 is the correlation of the raw values of all 64 sessions. Centre each value on its client's means first."
    )
    assert close(result, 0.2169), (
        f"The pooled correlation of the 64 centred pairs is 0.22 (0.2169), got {result!r}."
    )


def test_chart_draws_both_lines():
    picture = chart()
    labels = [line.get("label") for line in picture.get("series", [])]
    assert "Between-client line" in labels and "Within-client line" in labels, (
        f"chart() should draw a 'Between-client line' and a 'Within-client line' once client_means and centre work; got {labels!r}"
    )

    def slope(label):
        (x1, y1), (x2, y2) = next(line["points"] for line in picture["series"] if line["label"] == label)
        return (y2 - y1) / (x2 - x1)

    between, within = slope("Between-client line"), slope("Within-client line")
    assert close(between, 0.717, 2) and close(within, 0.326, 2), (
        f"The between-client line should rise about 0.72 points per alliance point and the within-client line "
        f"about 0.33; got {between:.3f} and {within:.3f}"
    )
