"""The pure domain of recsim: records, generation, scenarios, forms and scoring.

Nothing here imports Textual or Rich (an import-linter contract enforces it).
"""
