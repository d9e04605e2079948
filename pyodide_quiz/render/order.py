"""`order`: a list shown in a stable shuffled order, reordered with buttons or Alt+Arrow keys."""
import hashlib

from ..html import element, para, strong
from ..lms import Exported
from ..model.order import shuffled

TYPE = "order"
USES_FIELDSET = False
DESCRIPTION = "put in order"


def body(ctx):
    items = []
    for position, index in enumerate(shuffled(ctx.data)):
        up = element("button", "↑", interactive=True, type="button", classes=["pq-move"],
                     data_move="-1", aria_label=ctx.page.text("order.move_up"))
        down = element("button", "↓", interactive=True, type="button", classes=["pq-move"],
                       data_move="1", aria_label=ctx.page.text("order.move_down"))
        text = element("span", *ctx.md_inline(ctx.data["items"][index]), classes=["pq-order-text"])
        items.append(element("li", text, element("span", up, down, classes=["pq-move-buttons"], interactive=True),
                             classes=["pq-order-item"], data_index=str(index), tabindex="0"))
    help_id = f"{ctx.prefix}-help"
    note = element("p", ctx.page.text("order.instruction"), classes=["pq-instruction"], id=help_id)
    return [note, element("ol", *items, classes=["pq-order"], aria_describedby=help_id)]


def answer(ctx):
    rows = [element("li", *ctx.md_inline(item)) for item in ctx.data["items"]]
    return [para(strong(ctx.page.text("key.right_order"))), element("ol", *rows)]


def order_options(question: dict) -> list[dict]:
    """The right order and two wrong permutations, in an order derived from the question id."""
    count = len(question["items"])
    right = list(range(count))
    wrong = [shuffled(question)]
    for candidate in (right[::-1], [1, 0] + right[2:], right[1:] + right[:1]):
        if candidate != right and candidate not in wrong:
            wrong.append(candidate)
            break
    permutations = [(right, True)] + [(w, False) for w in wrong]
    permutations.sort(key=lambda p: hashlib.sha256(f"{question['id']}:{p[0]}".encode()).hexdigest())
    return [{"order": p, "correct": ok} for p, ok in permutations]


def export(question, md, warn):
    """A multiple-choice question on the whole order: the right order and two wrong ones (a note says so)."""
    warn(f"question '{question.id}': an order question is exported as a multiple-choice question "
         "on the whole order (right order and two wrong ones)", note=True)
    items = [md(item) for item in question.data["items"]]
    options = []
    for choice in order_options(question.data):
        text = "<br>".join(f"{n}. {items[i]}" for n, i in enumerate(choice["order"], start=1))
        options.append({"text": text, "correct": choice["correct"],
                        "feedback": "Right." if choice["correct"] else "Not this order."})
    return Exported("choice", f"{md(question.data['prompt'])}<p>Which order is right?</p>", options=options)


def key_lines(question, text) -> list[str]:
    items = [f"{i}. {text.one_line(item)}" for i, item in enumerate(question.data["items"], start=1)]
    return ["**Right order:**\n", *items, ""]
