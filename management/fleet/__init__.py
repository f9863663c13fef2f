"""Flota Pública Vehicular (O2-RT5): vehicles, drivers, fuel loads, trips, reports."""
