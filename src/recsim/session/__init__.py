"""The application layer: one trainee's form, the attempt's life, and grading.

Above the task kinds and below what a person touches (the command line and the
terminal UI): it knows every kind only through the registry in
:mod:`recsim.session.kinds`, and neither the commands nor the UI build forms or
score anything themselves.
"""
