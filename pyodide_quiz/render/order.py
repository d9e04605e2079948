"""`order`: a list shown in a stable shuffled order, reordered with buttons or Alt+Arrow keys."""
from docutils import nodes

from ..model.order import shuffled
from ..sphinx.nodes import element

TYPE = "order"
USES_FIELDSET = False


def body(ctx):
    items = []
    for position, index in enumerate(shuffled(ctx.data)):
        up = element("button", nodes.Text("↑"), interactive=True, type="button", classes=["pq-move"],
                     data_move="-1", aria_label="Move up")
        down = element("button", nodes.Text("↓"), interactive=True, type="button", classes=["pq-move"],
                       data_move="1", aria_label="Move down")
        text = element("span", *ctx.md_inline(ctx.data["items"][index]), classes=["pq-order-text"])
        items.append(element("li", text, element("span", up, down, classes=["pq-move-buttons"], interactive=True),
                             classes=["pq-order-item"], data_index=str(index), tabindex="0"))
    help_id = f"{ctx.prefix}-help"
    note = element("p", nodes.Text("Put the items in order. Use the arrow buttons, or focus an item and press "
                                   "Alt + Up or Alt + Down."), classes=["pq-instruction"], id=help_id)
    return [note, element("ol", *items, classes=["pq-order"], aria_describedby=help_id)]


def answer(ctx):
    rows = [element("li", *ctx.md_inline(item)) for item in ctx.data["items"]]
    return [nodes.paragraph("", "", nodes.strong("", "The right order:")), element("ol", *rows)]
