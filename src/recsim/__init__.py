"""recsim: a terminal training simulator for medical-records technicians."""

__version__ = "0.3.0"
