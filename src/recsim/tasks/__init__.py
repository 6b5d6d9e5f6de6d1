"""Task kinds: one package per kind of work, independent of each other.

Each exports ``BLOCK`` (its scenario block) and ``TASK`` (its
:class:`~recsim.tasks.base.TaskKind`); :mod:`recsim.session.kinds` lists them.
"""
