"""The CMS code-set release files recsim can add to its cache (see :mod:`.parts`)."""
