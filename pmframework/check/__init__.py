"""Checking: the engine, the JSON Schema versions and the semantic rules (rules/)."""
