"""Comparing two ladders: versions of one ladder, or two companies' ladders (alignment)."""
