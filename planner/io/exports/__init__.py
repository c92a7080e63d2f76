"""Exports of the phase plan (GeoPackage, GeoJSON, Shapefile, CSV, Excel, map images); `formats.export` is the entry point."""
