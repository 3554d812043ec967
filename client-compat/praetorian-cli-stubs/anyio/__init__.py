"""Stand-in for anyio: praetorian-cli imports it but only its MCP server runs it (not installable here)."""


def run(*args, **kwargs):
    raise RuntimeError('anyio is not installed here: this is the praetorian-cli suite harness stand-in')
