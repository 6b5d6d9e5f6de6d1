"""Seeded, random-access generation of synthetic patients and their charts."""

from recsim.core.generate.population import Population, generate_patient, provider_roster

__all__ = ["Population", "generate_patient", "provider_roster"]
