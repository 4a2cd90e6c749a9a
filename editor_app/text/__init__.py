"""Pure text helpers shared by importers, checks and exporters (stdlib plus resource data)."""
