"""Item-writing rules: a student who guesses from an item's form, not its content, must score near chance.

The rules follow the published item-writing guidelines (Haladyna, Downing & Rodriguez, 2002): options of similar
length, no "all/none of the above", no option inside another, no wording cues, stems that pose a problem, and
items that ask for more than recall. Each finding is a Problem naming the file, the line and the question.

A question (or, for the bank-wide rules, a quiz file) may break a rule on purpose with `allow: [rule]` and a
`reason:`; `exceptions()` counts them so the check can say how many there are.

Rules, by the name `allow:` uses:
- right-longest: in one question, a right option is more than 1.5 times the mean length of the wrong ones.
- right-longest-bank: in more than a third of a bank's choice questions the length gives the answer away (a
  `single` question's right option is strictly the longest; every right option of a `multiple` question is
  longer than every wrong one).
- above-option: an option that is "all / none / both / neither of the above".
- option-inside-option: an option's text holds another option's whole text.
- cue-words: wrong options of a bank carry absolute or causal words (CUE_WORDS) clearly more often than right
  ones: at least 3 such wrong options and a share more than 10 points above the right options' share.
- answer-in-prompt: a `text` question's prompt contains one of its accepted answers.
- near-duplicate: two prompts, in any banks, whose sets of word trigrams have a Jaccard similarity of 0.5 or more.
- level: a question without `level:` (remember, understand, apply or analyse).
- level-mix: fewer than half of a bank's questions are at `apply` or `analyse`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from ..model.common import APPLICATION_LEVELS, LEVELS, plain, word_trigrams, words
from ..model.source import Problem

LENGTH_RATIO = 1.5
BANK_SHARE = 1 / 3
CUE_WORDS = ("always", "never", "only", "every", "all", "none", "prove", "proves", "proved", "proven", "cause",
             "causes", "caused", "guarantee", "guarantees", "guaranteed", "must", "completely", "entirely",
             "certainly", "definitely", "impossible", "solely", "cannot", "no one", "nothing", "everyone")
CUE_MIN_OPTIONS = 3
CUE_MARGIN = 0.10
SIMILARITY = 0.5
ABOVE = re.compile(r"\b(all|none|both|neither) of (the )?(above|these|the options)\b", re.IGNORECASE)
_CUE = re.compile(r"\b(" + "|".join(re.escape(w) for w in CUE_WORDS) + r")\b", re.IGNORECASE)
CHOICE_TYPES = ("single", "multiple")


def _contains(haystack: list[str], needle: list[str]) -> bool:
    """Whether the word sequence `needle` appears whole inside `haystack`."""
    size = len(needle)
    return size > 0 and any(haystack[i:i + size] == needle for i in range(len(haystack) - size + 1))


@dataclass
class Item:
    """One question with what the rules need: where it is, and which rules it may break."""

    quiz: object  # model.Quiz
    question: object  # model.Question

    @property
    def data(self) -> dict:
        return self.question.data

    @property
    def allowed(self) -> set[str]:
        return set(self.data.get("allow") or ()) | set(_file_allowed(self.quiz))

    def line(self, *steps) -> int:
        located = self.quiz.located
        return located.line(self.question.path + steps) if located is not None else self.question.line

    def problem(self, rule: str, message: str, hint: str = "", *steps) -> Problem:
        return Problem(self.quiz.file, self.line(*steps), f"{message} [{rule}]", hint, f"question '{self.question.id}'")


def _file_allowed(quiz) -> list[str]:
    located = quiz.located
    data = located.data if located is not None and isinstance(located.data, dict) else {}
    return list(data.get("allow") or ())


def _lengths(item: Item) -> list[tuple[int, bool]]:
    return [(len(plain(o["text"])), bool(o["correct"])) for o in item.data["options"]]


def length_gives_it_away(item: Item) -> bool:
    """`single`: the right option is strictly the longest; `multiple`: every right option outlengths every wrong."""
    lengths = _lengths(item)
    right = [n for n, ok in lengths if ok]
    wrong = [n for n, ok in lengths if not ok]
    if not right or not wrong:
        return False
    if item.question.type == "single":
        return right[0] > max(wrong)
    return min(right) > max(wrong)


def _right_longest(item: Item) -> list[Problem]:
    lengths = _lengths(item)
    wrong = [n for n, ok in lengths if not ok]
    if not wrong:
        return []
    mean = sum(wrong) / len(wrong)
    found = []
    for index, (length, ok) in enumerate(lengths):
        if ok and length > LENGTH_RATIO * mean:
            found.append(item.problem(
                "right-longest", f"a right option is {length / mean:.1f} times as long as the wrong ones' mean "
                f"({length} vs {mean:.0f} characters)", "shorten it, or lengthen the wrong options with plausible "
                "detail", "options", index, "text"))
    return found


def _above_and_inside(item: Item) -> list[Problem]:
    found = []
    texts = [words(o["text"]) for o in item.data["options"]]
    for index, option in enumerate(item.data["options"]):
        if ABOVE.search(plain(option["text"])):
            found.append(item.problem("above-option", f"option {plain(option['text'])!r} points at the other options",
                                      "write a real option; 'all/none of the above' rewards partial knowledge",
                                      "options", index, "text"))
    for (i, a), (j, b) in combinations(enumerate(texts), 2):
        for outer, inner, at in ((a, b, i), (b, a, j)):
            if inner and outer != inner and _contains(outer, inner):
                found.append(item.problem(
                    "option-inside-option", f"this option contains another option's whole text "
                    f"({' '.join(inner)!r})", "a student can pick the option that covers the other", "options", at,
                    "text"))
    return found


def _answer_in_prompt(item: Item) -> list[Problem]:
    prompt = words(item.data["prompt"])
    given = [answer for answer in item.data.get("accept", []) if _contains(prompt, words(str(answer)))]
    if not given:
        return []
    return [item.problem("answer-in-prompt", f"the prompt contains the accepted answer {given[0]!r}",
                         "reword the prompt so that it does not give the answer", "prompt")]


def _level(item: Item) -> list[Problem]:
    if item.data.get("level") in LEVELS:
        return []
    return [item.problem("level", "no 'level'", f"add level: one of {', '.join(LEVELS)} (revised Bloom)")]


def _reason(item: Item) -> list[Problem]:
    if item.data.get("allow") and not str(item.data.get("reason", "")).strip():
        return [item.problem("allow", "'allow' without a 'reason'", "say why the rule does not apply", "allow")]
    return []


def question_problems(item: Item) -> list[Problem]:
    """The rules that look at one question alone, less the ones it is allowed to break."""
    found = _level(item) + _reason(item)
    if item.question.type in CHOICE_TYPES:
        found += _right_longest(item) + _above_and_inside(item)
    if item.question.type == "text":
        found += _answer_in_prompt(item)
    return [p for p in found if _rule_of(p) not in item.allowed]


def _rule_of(problem: Problem) -> str:
    return problem.message.rsplit("[", 1)[-1].rstrip("]")


def bank_problems(quiz) -> list[Problem]:
    """The rules that look at a whole bank: lengths, cue words, levels."""
    items = [Item(quiz, q) for q in quiz.questions]
    found: list[Problem] = []
    choice = [i for i in items if i.question.type in CHOICE_TYPES and "right-longest-bank" not in i.allowed]
    giveaways = [i for i in choice if length_gives_it_away(i)]
    if choice and len(giveaways) > BANK_SHARE * len(choice):
        share = f"{len(giveaways)} of {len(choice)} choice questions"
        found += [i.problem("right-longest-bank", f"the longest option is the answer here, as in {share} of the bank "
                            "(at most a third may be)", "make a wrong option the longest in some of them")
                  for i in giveaways]
    found += _cue_words(items)
    file_allowed = _file_allowed(quiz)
    levelled = [i for i in items if i.data.get("level") in LEVELS]
    applied = sum(i.data["level"] in APPLICATION_LEVELS for i in levelled)
    if items and "level-mix" not in file_allowed and applied * 2 < len(items):
        located = quiz.located
        line = located.key_line(("questions",)) if located is not None else 1
        found.append(Problem(quiz.file, line, f"{applied} of {len(items)} questions are at apply or analyse; at least "
                             "half should be [level-mix]", "pose new situations: a client's words, a rating series, "
                             "a study's result to judge"))
    if file_allowed and quiz.located is not None and not str(quiz.located.data.get("reason", "")).strip():
        found.append(Problem(quiz.file, quiz.located.key_line(("allow",)), "'allow' without a 'reason' [allow]",
                             "say why the bank breaks the rule"))
    return found


def _cue_words(items: list[Item]) -> list[Problem]:
    options = [(item, index, option) for item in items if item.question.type in CHOICE_TYPES
               and "cue-words" not in item.allowed for index, option in enumerate(item.data["options"])]
    right = [o for o in options if o[2]["correct"]]
    wrong = [o for o in options if not o[2]["correct"]]
    cued_wrong = [o for o in wrong if _CUE.search(plain(o[2]["text"]))]
    cued_right = [o for o in right if _CUE.search(plain(o[2]["text"]))]
    if not wrong or len(cued_wrong) < CUE_MIN_OPTIONS:
        return []
    wrong_share = len(cued_wrong) / len(wrong)
    right_share = len(cued_right) / len(right) if right else 0.0
    if wrong_share - right_share <= CUE_MARGIN:
        return []
    summary = f"{len(cued_wrong)} of {len(wrong)} wrong options carry such words, {len(cued_right)} of {len(right)} right"
    return [item.problem("cue-words", f"wrong option with the cue word {_CUE.search(plain(o['text'])).group(0)!r} "
                         f"({summary})", "reword without absolute or causal words, or use them in right options too",
                         "options", index, "text")
            for item, index, o in cued_wrong]


def duplicate_problems(quizzes: list) -> list[Problem]:
    """Near-identical prompts across every bank; each pair is reported once, at its later question."""
    prompts = [(Item(quiz, q), word_trigrams(q.data.get("prompt", ""))) for quiz in quizzes for q in quiz.questions]
    found = []
    for (a, grams_a), (b, grams_b) in combinations(prompts, 2):
        if not grams_a or not grams_b or "near-duplicate" in a.allowed | b.allowed:
            continue
        similarity = len(grams_a & grams_b) / len(grams_a | grams_b)
        if similarity >= SIMILARITY:
            found.append(b.problem("near-duplicate", f"the prompt is {similarity:.0%} the same as question "
                                   f"'{a.question.id}' ({a.quiz.file}:{a.line()})", "keep one, or ask something else",
                                   "prompt"))
    return found


def check(quizzes: list) -> list[Problem]:
    """Every item-writing problem in these quizzes (loaded with load_quiz), ordered by file and line."""
    found: list[Problem] = []
    for quiz in quizzes:
        found += [p for q in quiz.questions for p in question_problems(Item(quiz, q))]
        found += bank_problems(quiz)
    found += duplicate_problems(quizzes)
    return sorted(found, key=lambda p: (p.file, p.line, p.message))


def exceptions(quizzes: list) -> int:
    """How many deliberate exceptions the quizzes declare (each rule named in an `allow:` list counts once)."""
    return sum(len(q.data.get("allow") or ()) for quiz in quizzes for q in quiz.questions) + \
        sum(len(_file_allowed(quiz)) for quiz in quizzes)
