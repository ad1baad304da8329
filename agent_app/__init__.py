"""Guichet AMO: the counter app for AMO claim deposits and AMO-TNS enrolments."""

__version__ = "0.1.0"
