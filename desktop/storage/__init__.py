"""Storage of plans on disk; plain Python, no Qt."""
