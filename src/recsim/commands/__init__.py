"""Command implementations: thin adapters from arguments to the core and back to text."""
