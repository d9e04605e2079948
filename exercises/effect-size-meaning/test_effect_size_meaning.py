"""Tests for the effect-size-meaning exercise.

r = .278 and d = .579 are from Flückiger et al. (2018); every other number is invented for practice.
"""

import math

from student import besd, r_to_d, variance_explained


def _raised(call):
    """Run call() and return the exception it raised, or None if it raised nothing."""
    try:
        call()
    except Exception as error:  # the tests check the type themselves
        return error
    return None


def _describe(error):
    if error is None:
        return "it raised nothing"
    return f"it raised {type(error).__name__}: {error}"


def _close(a, b, tol=1e-9):
    return isinstance(a, (int, float)) and math.isclose(a, b, abs_tol=tol)


def test_variance_explained_for_the_alliance():
    result = variance_explained(0.278)
    assert _close(result, 0.077284), f"variance_explained(0.278) should be 0.278 ** 2 = 0.077284, got {result!r}"


def test_variance_explained_is_a_proportion():
    result = variance_explained(0.5)
    assert _close(result, 0.25), (
        f"variance_explained(0.5) should be 0.25, a proportion (not 25, a percentage); got {result!r}"
    )


def test_variance_explained_of_a_negative_r():
    result = variance_explained(-0.3)
    assert _close(result, 0.09), f"variance_explained(-0.3) should be 0.09: squaring removes the sign. Got {result!r}"


def test_besd_for_the_alliance():
    result = besd(0.278)
    assert isinstance(result, tuple) and len(result) == 2, f"besd should return a tuple of two numbers, got {result!r}"
    assert _close(result[0], 0.639) and _close(result[1], 0.361), (
        f"besd(0.278) should be (0.639, 0.361): 0.5 + 0.278 / 2 and 0.5 - 0.278 / 2. Got {result!r}"
    )


def test_besd_of_zero_and_of_a_negative_r():
    zero = besd(0)
    assert isinstance(zero, tuple) and _close(zero[0], 0.5) and _close(zero[1], 0.5), (
        f"besd(0) should be (0.5, 0.5): no relation, the same success rate in both halves. Got {zero!r}"
    )
    negative = besd(-0.2)
    assert isinstance(negative, tuple) and _close(negative[0], 0.4) and _close(negative[1], 0.6), (
        f"besd(-0.2) should be (0.4, 0.6): with a negative r the first half does worse. Got {negative!r}"
    )


def test_besd_rates_add_up_to_one():
    for r in (0.1, 0.45, 0.9):
        result = besd(r)
        assert isinstance(result, tuple) and _close(result[0] + result[1], 1.0), (
            f"The two BESD rates always add up to 1 (they are 0.5 + r/2 and 0.5 - r/2); besd({r}) gave {result!r}"
        )


def test_r_to_d_matches_the_meta_analysis():
    result = r_to_d(0.278)
    assert _close(result, 0.579, tol=0.001), (
        f"r_to_d(0.278) should be about 0.579, the d that Flückiger et al. (2018) report; got {result!r}. "
        "Use 2 * r / math.sqrt(1 - r**2)."
    )


def test_r_to_d_other_values():
    assert _close(r_to_d(0), 0.0), f"r_to_d(0) should be 0, got {r_to_d(0)!r}"
    assert _close(r_to_d(0.5), 1 / math.sqrt(0.75)), f"r_to_d(0.5) should be 2 * 0.5 / sqrt(0.75) = 1.1547, got {r_to_d(0.5)!r}"
    assert _close(r_to_d(-0.3), -r_to_d(0.3)), "r_to_d(-0.3) should be minus r_to_d(0.3): d keeps the sign of r."


def test_out_of_range_r_raises_value_error():
    calls = [
        ("variance_explained(1.2)", lambda: variance_explained(1.2)),
        ("variance_explained(-1.5)", lambda: variance_explained(-1.5)),
        ("besd(1.1)", lambda: besd(1.1)),
        ("r_to_d(2)", lambda: r_to_d(2)),
        ("r_to_d(1)", lambda: r_to_d(1)),
        ("r_to_d(-1)", lambda: r_to_d(-1)),
    ]
    for text, call in calls:
        error = _raised(call)
        assert isinstance(error, ValueError), (
            f"{text} should raise ValueError (r must lie from -1 to 1, and strictly between them for r_to_d), "
            f"but {_describe(error)}"
        )


def test_the_ends_are_allowed_where_they_make_sense():
    assert _close(variance_explained(1), 1.0), "variance_explained(1) is allowed and should be 1.0."
    result = besd(-1)
    assert isinstance(result, tuple) and _close(result[0], 0.0) and _close(result[1], 1.0), (
        f"besd(-1) is allowed and should be (0.0, 1.0); got {result!r}"
    )
