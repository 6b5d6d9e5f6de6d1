"""recsim: a terminal training simulator for medical-records technicians."""

__version__ = "0.2.0"
