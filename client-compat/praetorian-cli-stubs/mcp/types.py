class Tool:
    def __init__(self, *args, **kwargs):
        raise RuntimeError('mcp is not installed here: this is the praetorian-cli suite harness stand-in')


class TextContent(Tool):
    pass
