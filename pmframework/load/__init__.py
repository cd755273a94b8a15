"""Loading: bytes and limits, YAML/JSON parsed into plain data with a position for every node."""
