"""Scorers for the quality harness (``bench/quality.py``): each measure compares a dossier
produced by :func:`corroborate.analyze_inputs` with a corpus's gold, and computes its
baseline on the same texts. Nothing here is used by the pipeline itself."""
