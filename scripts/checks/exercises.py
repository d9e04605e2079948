TITLE = "exercises"
STAGE = "content"


def run(ctx):
    return []
