"""The terminal UI (Textual): the only package that imports textual.

Screens drive the session API (:mod:`recsim.session.attempts`) and show forms and
scorecards; nothing here generates items, applies rules or scores answers.
"""
