"""Dashboard helpers: cached resources, shared filters and pure figure/HTML builders.

Pages import from here and only query and draw; nothing here extracts.
"""
