TITLE = "vignettes"
STAGE = "content"


def run(ctx):
    return []
