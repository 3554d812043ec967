"""Stand-in for the mcp package: praetorian-cli imports it but only its MCP server uses it (not installable here)."""
